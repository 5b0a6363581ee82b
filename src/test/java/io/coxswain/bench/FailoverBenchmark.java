package io.coxswain.bench;

import io.coxswain.testing.FailoverScenario;
import io.coxswain.testing.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Failover time over several runs: each run starts three member JVMs sharing a fresh PostgreSQL
 * database, spreads an RC of 6 replicas over them, kill -9s one member — the store singleton's
 * host on even runs, another member on odd ones — and times kill to "all 6 Running on the
 * survivors". Prints every run, then p50 and p99 (nearest rank).
 *
 * <pre>bin/bench failover [--runs 5] [--runtime simulated|docker] [--replicas 6]</pre>
 */
public final class FailoverBenchmark {
  private FailoverBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
    String runtime = options.getOrDefault("runtime", "simulated");
    int replicas = Integer.parseInt(options.getOrDefault("replicas", "6"));
    System.out.printf("failover benchmark: %d runs, 3 members, RC of %d, %s runtime, %d cores%n", runs, replicas,
        runtime, Runtime.getRuntime().availableProcessors());
    List<Long> all = new ArrayList<>();
    List<Long> storeHost = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      int victim = run % 2 == 0 ? 0 : 2;
      try (TestCluster cluster = TestCluster.start(3, runtime, FailoverScenario.MEMBER_SETTINGS)) {
        FailoverScenario scenario = new FailoverScenario(cluster);
        scenario.awaitNodesReady();
        scenario.createReplicationController(replicas);
        scenario.awaitReplicas(replicas, List.of("n1", "n2", "n3"), Duration.ofSeconds(120));
        List<String> survivors = new ArrayList<>(List.of("n1", "n2", "n3"));
        survivors.remove(TestCluster.nodeName(victim));
        Duration took = scenario.killAndTime(victim, survivors, Duration.ofSeconds(120));
        all.add(took.toMillis());
        if (victim == 0) {
          storeHost.add(took.toMillis());
        }
        System.out.printf("run %d: killed %s (%s): %,d ms%n", run + 1, TestCluster.nodeName(victim),
            victim == 0 ? "hosts the store and controllers" : "a plain member", took.toMillis());
      }
    }
    System.out.printf("all runs:          p50 %,d ms  p99 %,d ms  (n=%d)%n", rank(all, 50), rank(all, 99), all.size());
    System.out.printf("store host killed: p50 %,d ms  p99 %,d ms  (n=%d)%n", rank(storeHost, 50), rank(storeHost, 99),
        storeHost.size());
    System.exit(0);
  }

  /** Nearest-rank percentile. */
  private static long rank(List<Long> samples, int percentile) {
    List<Long> sorted = new ArrayList<>(samples);
    sorted.sort(null);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}
