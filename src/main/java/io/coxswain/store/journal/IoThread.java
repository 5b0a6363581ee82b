package io.coxswain.store.journal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.dispatch.Futures;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;

/**
 * One named daemon thread for a plugin's file work: calls run in the order given and never block
 * a Pekko dispatcher; results come back as the Scala futures the plugin APIs want.
 */
final class IoThread {
  private final ExecutorService executor;
  private final ExecutionContext context;

  IoThread(String name) {
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    });
    this.context = ExecutionContext.fromExecutorService(executor);
  }

  <T> Future<T> run(Callable<T> work) {
    return Futures.future(work, context);
  }

  /**
   * Runs {@code last} after everything queued, then takes no more work.
   *
   * @return whether all of it finished within {@code seconds}
   */
  boolean finish(Runnable last, long seconds) throws InterruptedException {
    executor.execute(last);
    executor.shutdown();
    return executor.awaitTermination(seconds, TimeUnit.SECONDS);
  }
}
