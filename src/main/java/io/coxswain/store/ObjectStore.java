package io.coxswain.store;

import io.coxswain.api.KubeObject;
import io.coxswain.api.Status;
import io.coxswain.store.journal.WriteNotApplied;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The store (the cluster's "etcd"): the single writer of every API object. Writes queue here and
 * go to the journal in batches — one batch in flight at a time, and everything that arrived
 * meanwhile forms the next — so throughput does not cost one journal round trip per write.
 * Committed batches are fanned out, in revision order, to the subscribed watch caches.
 */
public final class ObjectStore extends AbstractBehavior<ObjectStore.Command> {

  public sealed interface Command {}

  /** Objects per feed message to another member: small enough for one remoting frame, deflated. */
  static final int WIRE_SLICE = 500;

  public record Write(StoreOp op, ActorRef<WriteResult> replyTo) implements Command {}

  public record Get(ResourceKey key, ActorRef<Optional<KubeObject>> replyTo) implements Command {}

  /** Sends the subscriber a {@link StoreFeed.Snapshot}, then every commit after it. */
  public record Subscribe(ActorRef<StoreFeed> subscriber) implements Command {}

  private record BatchFinished(long batch, List<Change> changes, Throwable failure) implements Command {}

  /** The backoff after a journal failure is over: start a new log, which recovers from the journal. */
  private enum RestartLog implements Command { INSTANCE }

  /** The group-commit window closed: journal what has queued, even if it is a small batch. */
  private enum Flush implements Command { INSTANCE }

  /** Whether a Flush is on its way (the group-commit window is running). */
  private boolean flushScheduled;

  private record StateForSubscriber(StoreState state, ActorRef<StoreFeed> subscriber) implements Command {}

  private static final Duration MIN_RESTART_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_RESTART_BACKOFF = Duration.ofSeconds(5);

  private final StoreSettings settings;
  private final SnapshotRetention retention;
  private final ArrayDeque<Write> queue = new ArrayDeque<>();
  /** Reads that arrived while the log was down; sent once a new one runs. */
  private final List<Get> waitingGets = new ArrayList<>();
  private final Set<ActorRef<StoreFeed>> subscribers = new HashSet<>();
  /** The journaled log; null between a journal failure and its restart. */
  private ActorRef<StoreLog.Command> log;
  private int logGeneration;
  private Duration restartBackoff = MIN_RESTART_BACKOFF;
  private List<Write> inFlight = List.of();
  /** Numbers batches, so an answer or timeout for a batch already settled is ignored. */
  private long batchNumber;
  private int lastBatchSize;

  private final TimerScheduler<Command> timers;

  private ObjectStore(ActorContext<Command> context, TimerScheduler<Command> timers, StoreSettings settings,
      SnapshotRetention retention) {
    super(context);
    this.timers = timers;
    this.settings = settings;
    this.retention = retention;
    startLog();
  }

  private void startLog() {
    log = getContext().spawn(StoreLog.create(settings, retention), "log-" + (++logGeneration));
    getContext().watch(log);
    waitingGets.forEach(get -> log.tell(new StoreLog.Get(get.key(), get.replyTo())));
    waitingGets.clear();
  }

  /** @param retention what to drop once a snapshot is stored (see {@link SnapshotRetention}) */
  public static Behavior<Command> create(StoreSettings settings, SnapshotRetention retention) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> new ObjectStore(context, timers, settings,
        retention)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Write.class, this::onWrite)
        .onMessage(Get.class, get -> {
          if (log == null) {
            waitingGets.add(get);
          } else {
            log.tell(new StoreLog.Get(get.key(), get.replyTo()));
          }
          return this;
        })
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(StateForSubscriber.class, this::onStateForSubscriber)
        .onMessage(BatchFinished.class, this::onBatchFinished)
        .onMessageEquals(Flush.INSTANCE, () -> {
          flushScheduled = false;
          if (log != null && inFlight.isEmpty() && !queue.isEmpty()) {
            sendNextBatch();
          }
          return this;
        })
        .onMessageEquals(RestartLog.INSTANCE, () -> {
          startLog();
          if (!queue.isEmpty()) {
            sendOrWait();
          }
          return this;
        })
        .onSignal(Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<Command> onWrite(Write write) {
    queue.add(write);
    if (log != null && inFlight.isEmpty()) {
      sendOrWait();
    }
    return this;
  }

  /**
   * Group commit: a journal write costs about the same for one change as for many, so when only a
   * few writes are waiting, wait up to the window for more before writing — but only while writers
   * are concurrent (the last batch held more than one write); a lone writer is never delayed.
   */
  private void sendOrWait() {
    if (queue.size() >= settings.groupCommitBatch() || settings.groupCommitWindow().isZero() || lastBatchSize <= 1) {
      sendNextBatch(); // a Flush still on its way finds the batch in flight and does nothing
    } else if (!flushScheduled) {
      // The JDK's delay queue, not Pekko's timer: a 1 ms Pekko timer needs a 1 ms scheduler tick,
      // which wakes a thread a thousand times a second for good (2-3% of a core at rest).
      flushScheduled = true;
      ActorRef<Command> self = getContext().getSelf();
      // Told from the delay queue's own thread (a tell does not block), not handed to the common pool.
      CompletableFuture.delayedExecutor(settings.groupCommitWindow().toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
          .execute(() -> self.tell(Flush.INSTANCE));
    }
  }

  private void sendNextBatch() {
    List<Write> batch = new ArrayList<>(Math.min(queue.size(), settings.maxBatch()));
    while (!queue.isEmpty() && batch.size() < settings.maxBatch()) {
      batch.add(queue.poll());
    }
    inFlight = batch;
    lastBatchSize = batch.size();
    long number = ++batchNumber;
    getContext().ask(StoreLog.BatchDone.class, log, settings.writeTimeout(),
        replyTo -> new StoreLog.ApplyBatch(batch, replyTo),
        (done, failure) -> new BatchFinished(number, done == null ? null : done.changes(), failure));
  }

  private Behavior<Command> onBatchFinished(BatchFinished finished) {
    if (finished.batch() != batchNumber || inFlight.isEmpty()) {
      return this; // settled already: its log failed and the writers were told
    }
    if (finished.failure() != null) {
      // The journal did not answer in time; the outcome of these writes is unknown, as with an
      // etcd timeout. Tell the writers so, rather than leave them hanging.
      getContext().getLog().warn("store batch of {} writes timed out: {}", inFlight.size(), finished.failure().toString());
      Status timeout = Status.failure(504, "Timeout",
          "Timeout: request did not complete within the store's write timeout; the write may or may not have been applied",
          null);
      inFlight.forEach(w -> w.replyTo().tell(new WriteResult(null, timeout)));
    } else if (!finished.changes().isEmpty()) {
      restartBackoff = MIN_RESTART_BACKOFF;
      StoreFeed.Committed committed = new StoreFeed.Committed(finished.changes());
      List<StoreFeed.Committed> slices = null;
      for (ActorRef<StoreFeed> subscriber : subscribers) {
        if (isLocal(subscriber)) {
          subscriber.tell(committed);
        } else {
          slices = slices != null ? slices : FeedSlicing.commits(finished.changes(), WIRE_SLICE);
          slices.forEach(subscriber::tell);
        }
      }
    }
    inFlight = List.of();
    if (!queue.isEmpty()) {
      sendOrWait();
    }
    return this;
  }

  /**
   * A subscriber went away, or the log stopped: a journal write failed (a full disk, an I/O
   * error). The journal cut the failed batch back off, so its writers are told it was not
   * applied; a new log starts after a backoff and recovers from what the journal holds.
   */
  private Behavior<Command> onTerminated(Terminated terminated) {
    if (!terminated.getRef().equals(log)) {
      subscribers.remove(terminated.getRef());
      return this;
    }
    Throwable failure = terminated instanceof ChildFailed failed ? failed.getCause() : null;
    WriteNotApplied refused = find(failure, WriteNotApplied.class);
    Throwable root = refused != null ? refused : failure == null ? null : root(failure);
    String cause = root == null ? "the store's log stopped" : root.getMessage() == null ? root.toString() : root.getMessage();
    getContext().getLog().error("store journal failed with {} writes in flight and {} queued; restarting the log in {} ms: {}",
        inFlight.size(), queue.size(), restartBackoff.toMillis(), cause);
    // Only the file journal's WriteNotApplied means the batch was cut back off the log; anything
    // else (a database that went away mid-commit) may have been applied.
    Status inFlightAnswer = Status.failure(500, "InternalError", "the store could not write its journal (" + cause
        + "); " + (refused != null ? "the write was not applied" : "the write may or may not have been applied"), null);
    inFlight.forEach(w -> w.replyTo().tell(new WriteResult(null, inFlightAnswer)));
    // Writes still queued never reached the journal. They are refused now rather than kept for a
    // log that may take long to come back, and applied after their callers gave up.
    Status queuedAnswer = Status.failure(500, "InternalError",
        "the store could not write its journal (" + cause + "); the write was not applied", null);
    queue.forEach(w -> w.replyTo().tell(new WriteResult(null, queuedAnswer)));
    queue.clear();
    inFlight = List.of();
    batchNumber++;
    log = null;
    timers.startSingleTimer(RestartLog.INSTANCE, restartBackoff);
    restartBackoff = restartBackoff.multipliedBy(2).compareTo(MAX_RESTART_BACKOFF) > 0
        ? MAX_RESTART_BACKOFF : restartBackoff.multipliedBy(2);
    return this;
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static Throwable root(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private Behavior<Command> onSubscribe(Subscribe subscribe) {
    if (log == null) {
      // Asked again once the new log runs (the ask below would go to no one).
      timers.startSingleTimer(subscribe, restartBackoff);
      return this;
    }
    getContext().ask(StoreState.class, log, settings.writeTimeout(),
        StoreLog.GetState::new,
        (state, failure) -> new StateForSubscriber(state, subscribe.subscriber()));
    return this;
  }

  private Behavior<Command> onStateForSubscriber(StateForSubscriber message) {
    if (message.state() == null) {
      getContext().getSelf().tell(new Subscribe(message.subscriber()));
      return this;
    }
    // The state reply comes from the log after every batch it had already committed, so the
    // subscriber misses nothing: later commits reach it through the fan-out below.
    getContext().watch(message.subscriber());
    subscribers.add(message.subscriber());
    if (isLocal(message.subscriber())) {
      message.subscriber().tell(new StoreFeed.Snapshot(message.state(), getContext().getSelf()));
    } else {
      FeedSlicing.snapshot(message.state(), WIRE_SLICE, getContext().getSelf()).forEach(message.subscriber()::tell);
    }
    return this;
  }

  /** A subscriber in this JVM gets the immutable state and commits as they are, without copying. */
  private static boolean isLocal(ActorRef<?> ref) {
    return ref.path().address().hasLocalScope();
  }
}
