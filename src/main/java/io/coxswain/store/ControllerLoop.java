package io.coxswain.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The level-triggered loop most controllers are: every period, hand the current cache view to a
 * pass that returns its writes; the next pass starts only once those writes are done (and, since
 * writes complete only when the local cache has them, it sees their effects).
 *
 * <p>A pass that throws restarts the loop after a backoff instead of stopping it: these loops run
 * as cluster singletons, and a stopped singleton is not started again until it moves to another
 * member — one unexpected object would otherwise leave the cluster without its scheduler or a
 * controller. Being level-triggered, the restarted loop simply works from the cache again.
 */
public final class ControllerLoop {
  private ControllerLoop() {}

  private enum Tick { INSTANCE }

  private record Done(Object ignored, Throwable failure) {}

  public static Behavior<Object> create(String name, StoreClient store, Duration period,
      Function<CacheView, List<CompletableFuture<?>>> pass) {
    Behavior<Object> loop = Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Tick.INSTANCE, Tick.INSTANCE, Duration.ZERO, period);
      boolean[] running = {false};
      return Behaviors.receive(Object.class)
          .onMessageEquals(Tick.INSTANCE, () -> {
            if (!running[0] && store.cache().ready()) {
              List<CompletableFuture<?>> writes = pass.apply(store.cache().view());
              if (!writes.isEmpty()) {
                running[0] = true;
                context.pipeToSelf(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)), Done::new);
              }
            }
            return Behaviors.same();
          })
          .onMessage(Done.class, done -> {
            running[0] = false;
            if (done.failure() != null) {
              context.getLog().warn("{} pass failed: {}", name, StoreClient.unwrap(done.failure()).getMessage());
            }
            return Behaviors.same();
          })
          .build();
    }));
    return Behaviors.supervise(loop).onFailure(Exception.class,
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
  }
}
