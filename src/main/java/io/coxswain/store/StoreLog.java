package io.coxswain.store;

import io.coxswain.api.KubeObject;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotCompleted;
import org.apache.pekko.persistence.typed.SnapshotFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journaled half of the store: decides each batch of writes against the state, journals the
 * batch as one event, and only then answers — so an answered write is on disk. Commands that
 * arrive while a batch is being written are stashed by Pekko Persistence and see its result.
 */
public final class StoreLog extends EventSourcedBehavior<StoreLog.Command, StoreEvent, StoreState> {
  private static final Logger log = LoggerFactory.getLogger(StoreLog.class);

  public sealed interface Command {}

  /** A batch of writes from the {@link ObjectStore} front; answered per write, then BatchDone. */
  public record ApplyBatch(List<ObjectStore.Write> writes, ActorRef<BatchDone> replyTo) implements Command {}

  public record BatchDone(List<Change> changes) {}

  public record Get(ResourceKey key, ActorRef<Optional<KubeObject>> replyTo) implements Command {}

  public record GetState(ActorRef<StoreState> replyTo) implements Command {}

  private final StoreSettings settings;
  private final SnapshotRetention retention;
  /**
   * The revision of the last snapshot, or -1 until recovery has seen it: the revision of the state
   * the first replayed event applies to (the snapshot's), else the recovered revision. Restarts
   * then do not postpone the next snapshot, which is also what lets compaction delete segments.
   */
  private long revisionAtLastSnapshot = -1;

  private StoreLog(StoreSettings settings, SnapshotRetention retention) {
    super(PersistenceId.ofUniqueId(settings.persistenceId()));
    this.settings = settings;
    this.retention = retention;
  }

  /**
   * A journal failure (a write that could not be synced, a full disk) stops the log: the
   * {@link ObjectStore} that watches it answers the batch in flight with the cause and starts a
   * new log, which recovers from what the journal holds.
   */
  public static Behavior<Command> create(StoreSettings settings, SnapshotRetention retention) {
    return new StoreLog(settings, retention);
  }

  @Override
  public StoreState emptyState() {
    return StoreState.empty();
  }

  @Override
  public CommandHandler<Command, StoreEvent, StoreState> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(ApplyBatch.class, this::onApplyBatch)
        .onCommand(Get.class, (state, get) -> Effect().reply(get.replyTo(), Optional.ofNullable(state.get(get.key()))))
        .onCommand(GetState.class, (state, get) -> Effect().reply(get.replyTo(), state))
        .build();
  }

  private org.apache.pekko.persistence.typed.javadsl.Effect<StoreEvent, StoreState> onApplyBatch(
      StoreState state, ApplyBatch batch) {
    List<StoreOp> ops = batch.writes().stream().map(ObjectStore.Write::op).toList();
    BatchEvaluator.Result result = BatchEvaluator.evaluate(state, ops);
    Runnable answer = () -> {
      for (int i = 0; i < batch.writes().size(); i++) {
        BatchEvaluator.Outcome outcome = result.outcomes().get(i);
        batch.writes().get(i).replyTo().tell(new WriteResult(outcome.change(), outcome.error()));
      }
      batch.replyTo().tell(new BatchDone(result.changes()));
    };
    if (result.changes().isEmpty()) {
      return Effect().none().thenRun(s -> answer.run());
    }
    return Effect().persist(new StoreEvent.Committed(result.changes())).thenRun(s -> answer.run());
  }

  @Override
  public EventHandler<StoreState, StoreEvent> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(StoreEvent.Committed.class, (state, event) -> {
          if (revisionAtLastSnapshot < 0) {
            revisionAtLastSnapshot = state.revision(); // replay's first event: state is the snapshot's
          }
          return state.apply(event.changes());
        })
        .build();
  }

  /**
   * Snapshot once the changes since the last snapshot outnumber the objects held (and at least
   * the configured minimum): replay after a restart is then bounded by the state's size, not by
   * its history, and snapshot work stays linear in the number of writes.
   */
  @Override
  public boolean shouldSnapshot(StoreState state, StoreEvent event, long sequenceNr) {
    long since = state.revision() - revisionAtLastSnapshot;
    if (since >= snapshotInterval(state)) {
      revisionAtLastSnapshot = state.revision();
      return true;
    }
    return false;
  }

  private long snapshotInterval(StoreState state) {
    return Math.max(settings.snapshotEveryChanges(), state.size());
  }

  @Override
  public SignalHandler<StoreState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> {
          if (revisionAtLastSnapshot < 0) {
            revisionAtLastSnapshot = state.revision(); // nothing replayed after the snapshot
          }
          log.info("store recovered revision={} objects={}", state.revision(), state.size());
        })
        .onSignal(SnapshotCompleted.class, (state, completed) ->
            retention.snapshotSaved(completed.metadata().persistenceId(), completed.metadata().sequenceNr()))
        .onSignal(SnapshotFailed.class, (state, failed) -> {
          // Try again after a tenth of the interval, not a whole one: compaction waits on it.
          revisionAtLastSnapshot = state.revision() - snapshotInterval(state) * 9 / 10;
          log.warn("store snapshot at revision={} failed (tried again in {} changes): {}",
              state.revision(), snapshotInterval(state) / 10, failed.getFailure().toString());
        })
        .build();
  }

  @Override
  public java.util.Optional<Integer> stashCapacity() {
    return Optional.of(100_000);
  }
}
