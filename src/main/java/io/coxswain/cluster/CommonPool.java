package io.coxswain.cluster;

/**
 * Keeps CompletableFuture callbacks off fresh threads. The CompletionStages that Pekko hands out
 * (asks, HTTP entities) run every callback asynchronously on the common ForkJoinPool; with fewer
 * than three cores the JDK sizes that pool at one and falls back to a new thread per callback —
 * hundreds of thread starts a second under load. Must run before anything touches the pool.
 */
final class CommonPool {
  static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private CommonPool() {}

  static void ensureParallel() {
    if (System.getProperty(PARALLELISM) == null) {
      System.setProperty(PARALLELISM, Integer.toString(Math.max(4, Runtime.getRuntime().availableProcessors())));
    }
  }
}
