package io.coxswain.controller.kit;

import io.coxswain.store.CacheListener;
import io.coxswain.store.CacheView;
import io.coxswain.store.ObservedChange;
import io.coxswain.store.StoreClient;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A controller (controller-runtime's shape): {@link Informer}s turn the changes a node's watch
 * cache applies into keys, a {@link WorkQueue} holds them, and up to {@code workers} keys are
 * reconciled at once — never one key twice at once. Nothing runs on a timer but a slow resync of
 * every key ({@link Reconciler#keys}) and the keys that asked to be looked at again, so a settled
 * cluster costs nothing here however many objects it holds.
 *
 * <p>A reconcile's outcome decides what happens to its key: done (forgotten), requeue after a
 * delay, or failed — 404 means the object is gone (done); a 409 conflict is retried with per-key
 * exponential backoff (logged at debug: the object moved under us); anything else is logged at
 * warn with the key and retried the same way.
 *
 * @see Reconciler
 */
public final class Controller<K> {
  private static final Logger log = LoggerFactory.getLogger(Controller.class);

  /** What a controller does with one key, given the cache as it is now. */
  public interface Reconciler<K> {
    /**
     * Brings the object(s) behind {@code key} one step closer to what they should be. Completes
     * once the step's writes are done (they are then in this node's cache); fails to be retried.
     */
    CompletionStage<Result> reconcile(K key, CacheView view);

    /** Every key this controller looks after, for its start and its periodic resync. */
    Collection<K> keys(CacheView view);

    /** A reconciler from its two functions. */
    static <K> Reconciler<K> of(java.util.function.BiFunction<K, CacheView, CompletionStage<Result>> reconcile,
        java.util.function.Function<CacheView, Collection<K>> keys) {
      return new Reconciler<>() {
        @Override
        public CompletionStage<Result> reconcile(K key, CacheView view) {
          return reconcile.apply(key, view);
        }

        @Override
        public Collection<K> keys(CacheView view) {
          return keys.apply(view);
        }
      };
    }
  }

  /** The outcome of a successful reconcile: done, or look again after {@code requeueAfter}. */
  public record Result(Duration requeueAfter) {
    public static final Result DONE = new Result(null);

    public static Result requeueAfter(Duration delay) {
      return new Result(delay);
    }

    public static CompletionStage<Result> done() {
      return CompletableFuture.completedFuture(DONE);
    }
  }

  /**
   * @param name      for logs ("endpoints", "scheduler")
   * @param workers   keys reconciled at once
   * @param resync    how often every key is reconciled anyway (a safety net, not the mechanism)
   * @param baseDelay first retry delay of a failing key, doubled per failure up to {@code maxDelay}
   */
  public record Settings(String name, int workers, Duration resync, Duration baseDelay, Duration maxDelay) {
    public static Settings of(String name, Duration resync) {
      return new Settings(name, 4, resync, Duration.ofMillis(50), Duration.ofSeconds(30));
    }

    public Settings withWorkers(int n) {
      return new Settings(name, n, resync, baseDelay, maxDelay);
    }
  }

  /** Counters (client-go's workqueue metrics) and how many reconciles ran and failed. */
  public record Metrics(int depth, int delayed, long adds, long retries, long reconciles, long failures,
                        Duration lastWait, Duration reconcileTime) {}

  public sealed interface Command {}

  /** Reconcile every key now (start, resync, or an outside event such as a cluster member leaving). */
  public enum Resync implements Command { INSTANCE }

  public record GetMetrics(ActorRef<Metrics> replyTo) implements Command {}

  private record Enqueue<K>(List<K> keys) implements Command {}

  private enum Wake implements Command { INSTANCE }

  private record Finished<K>(Object incarnation, K key, Result result, Throwable failure, long startedNanos)
      implements Command {}

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final Settings settings;
  private final WatchCache cache;
  private final Reconciler<K> reconciler;
  private final WorkQueue<K> queue;
  /** Tells this incarnation's reconciles from those a restarted one left running. */
  private final Object incarnation = new Object();
  private int running;
  private long reconciles;
  private long failures;
  private long reconcileNanos;

  private Controller(ActorContext<Command> context, TimerScheduler<Command> timers, Settings settings,
      WatchCache cache, Reconciler<K> reconciler, Clock clock) {
    this.context = context;
    this.timers = timers;
    this.settings = settings;
    this.cache = cache;
    this.reconciler = reconciler;
    this.queue = new WorkQueue<>(clock, settings.baseDelay(), settings.maxDelay());
  }

  /**
   * The controller's behaviour: registers its informers on this node's {@code cache}, reconciles
   * every key once the cache is loaded, then works from changes.
   */
  public static <K> Behavior<Command> create(Settings settings, WatchCache cache, Reconciler<K> reconciler,
      List<Informer<?, K>> informers, Clock clock) {
    // A reconciler that throws outside its future restarts the controller after a backoff rather
    // than stop it: these run as cluster singletons, and a stopped one is not started again until
    // it moves to another member. Level-triggered, the restarted controller resyncs every key.
    Behavior<Command> controller = Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      ActorRef<Command> self = context.getSelf();
      CacheListener listener = listener(informers, self);
      cache.addListener(listener);
      if (cache.ready()) {
        self.tell(Resync.INSTANCE);
      }
      timers.startTimerWithFixedDelay(Resync.INSTANCE, Resync.INSTANCE, settings.resync());
      return new Controller<>(context, timers, settings, cache, reconciler, clock).running(listener);
    }));
    return Behaviors.supervise(controller).onFailure(Exception.class,
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2));
  }

  /** Feeds informers on the cache's thread; keys go to the actor in one message per applied batch. */
  private static <K> CacheListener listener(List<Informer<?, K>> informers, ActorRef<Command> self) {
    return new CacheListener() {
      @Override
      public void applied(CacheView view, List<ObservedChange> changes) {
        List<K> keys = new ArrayList<>();
        for (ObservedChange change : changes) {
          String resource = change.change().key().resource();
          for (Informer<?, K> informer : informers) {
            if (informer.resource().equals(resource)) {
              informer.deliver(change, view, keys::add);
            }
          }
        }
        if (!keys.isEmpty()) {
          self.tell(new Enqueue<>(keys));
        }
      }

      @Override
      public void replaced(CacheView view) {
        self.tell(Resync.INSTANCE);
      }
    };
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> running(CacheListener listener) {
    return Behaviors.receive(Command.class)
        .onMessage(Enqueue.class, enqueue -> {
          ((List<K>) enqueue.keys()).forEach(queue::add);
          return work();
        })
        .onMessageEquals(Resync.INSTANCE, () -> {
          if (cache.ready()) {
            reconciler.keys(cache.view()).forEach(queue::add);
          }
          return work();
        })
        .onMessageEquals(Wake.INSTANCE, this::work)
        .onMessage(Finished.class, finished -> finished((Finished<K>) finished))
        .onMessage(GetMetrics.class, get -> {
          get.replyTo().tell(new Metrics(queue.depth(), queue.delayedCount(), queue.adds(), queue.retries(),
              reconciles, failures, queue.lastWait(), Duration.ofNanos(reconcileNanos)));
          return Behaviors.same();
        })
        .onSignal(PostStop.class, stop -> {
          cache.removeListener(listener);
          return Behaviors.same();
        })
        .onSignal(PreRestart.class, restart -> {
          cache.removeListener(listener);
          return Behaviors.same();
        })
        .build();
  }

  /** Starts reconciles while workers are free and keys are ready; wakes up for the next delayed key. */
  private Behavior<Command> work() {
    while (running < settings.workers()) {
      Optional<K> next = queue.take();
      if (next.isEmpty()) {
        break;
      }
      K key = next.get();
      running++;
      long started = System.nanoTime();
      CompletionStage<Result> outcome;
      try {
        outcome = reconciler.reconcile(key, cache.view());
      } catch (RuntimeException e) {
        outcome = CompletableFuture.failedFuture(e);
      }
      context.pipeToSelf(outcome, (result, failure) -> new Finished<>(incarnation, key, result, failure, started));
    }
    queue.nextDelay().filter(d -> !d.isZero()).ifPresentOrElse(
        delay -> timers.startSingleTimer(Wake.INSTANCE, Wake.INSTANCE, delay),
        () -> timers.cancel(Wake.INSTANCE));
    return Behaviors.same();
  }

  private Behavior<Command> finished(Finished<K> finished) {
    if (finished.incarnation() != incarnation) {
      return Behaviors.same(); // started before a restart; the resync after it covers the key
    }
    running--;
    reconciles++;
    reconcileNanos += System.nanoTime() - finished.startedNanos();
    K key = finished.key();
    Throwable failure = finished.failure();
    if (failure == null || Writes.isNotFound(failure)) {
      queue.forget(key);
      Result result = finished.result();
      if (result != null && result.requeueAfter() != null) {
        queue.addAfter(key, result.requeueAfter());
      }
    } else {
      failures++;
      if (Writes.isConflict(failure)) {
        log.debug("{} {}: conflict, retrying: {}", settings.name(), key, StoreClient.unwrap(failure).getMessage());
      } else {
        log.warn("{} {} failed, retrying with backoff: {}", settings.name(), key,
            StoreClient.unwrap(failure).getMessage());
      }
      queue.addRateLimited(key);
    }
    queue.done(key);
    return work();
  }
}
