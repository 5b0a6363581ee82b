package io.coxswain.node.pod;

import io.coxswain.api.Defaulting;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodStatus;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.registry.Client;
import io.coxswain.registry.EventRecorder;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Runs one pod on this node: keeps its sandbox and containers as the spec and the restart rules
 * want (one blocking step at a time, on the blocking dispatcher), reports the pod's status when it
 * changes, and on deletion stops the containers within the grace period and removes the pod.
 * Three behaviours: {@link #idle}, {@link #syncing} (a step in flight) and {@link #terminating}.
 */
public final class PodWorker {

  public sealed interface Command {}

  /** The pod object changed in the store (or the agent re-sent it). */
  public record PodChanged(Pod pod) implements Command {}

  /** The pod is gone from the store: clean up the runtime and stop. */
  public enum PodGone implements Command { INSTANCE }

  /** The agent's relist saw this pod's containers change in the runtime: look now. */
  public enum Resync implements Command { INSTANCE }

  private enum Tick implements Command { INSTANCE }

  private record Synced(PodRuntime state, Throwable failure) implements Command {}

  private record StatusWritten(Object written, Throwable failure) implements Command {}

  private record TornDown(Throwable failure) implements Command {}

  /**
   * What a worker needs from its agent. A worker with something pending (a container starting or
   * waiting to restart, probes to run) syncs every {@code syncPeriod}; a settled one every
   * {@code resyncPeriod}, relying on the agent's relist ({@link Resync}) to hear of changes sooner.
   */
  public record Context(String nodeName, String hostIp, String runtimeName, Client client, Executor blocking,
                        Clock clock, Duration syncPeriod, Duration resyncPeriod, EventRecorder events,
                        EndpointDrain drain) {
    public Context(String nodeName, String hostIp, String runtimeName, Client client, Executor blocking, Clock clock,
        Duration syncPeriod, Duration resyncPeriod, EventRecorder events) {
      this(nodeName, hostIp, runtimeName, client, blocking, clock, syncPeriod, resyncPeriod, events, EndpointDrain.NONE);
    }
  }

  /**
   * How a pod being deleted leaves its Services before its containers get SIGTERM: the worker waits
   * (within the grace period) until no EndpointSlice lists the pod as ready, then {@link #propagation()}
   * more, the time every member's service proxy needs to apply that change. So no new connection
   * reaches a container that is shutting down (what a preStop sleep buys in Kubernetes).
   */
  public interface EndpointDrain {
    /** Whether some EndpointSlice still lists the pod as ready. */
    boolean serving(Pod pod);

    Duration propagation();

    /** No Services: containers are stopped at once. */
    EndpointDrain NONE = new EndpointDrain() {
      @Override
      public boolean serving(Pod pod) {
        return false;
      }

      @Override
      public Duration propagation() {
        return Duration.ZERO;
      }
    };
  }

  private final ActorContext<Command> context;
  private final Context ctx;
  private final TimerScheduler<Command> timers;
  private final PodSteps steps;
  private final ResourceKey key;
  private Pod pod;
  private PodRuntime runtime = PodRuntime.empty();
  private PodStatus reported;
  /** While the pod is being deleted: until when its containers may keep running while it leaves its Services. */
  private java.time.Instant drainUntil;
  private boolean drained;
  private java.time.Instant drainStarted;

  private PodWorker(ActorContext<Command> context, TimerScheduler<Command> timers, Context ctx, PodSteps steps,
      Pod pod) {
    this.context = context;
    this.ctx = ctx;
    this.timers = timers;
    this.steps = steps;
    this.pod = pod;
    this.key = new ResourceKey("pods", pod.metadata().namespace(), pod.metadata().name());
  }

  public static Behavior<Command> create(Context ctx, PodSteps steps, Pod pod) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startSingleTimer(Tick.INSTANCE, Tick.INSTANCE, Duration.ZERO);
      return new PodWorker(context, timers, ctx, steps, pod).idle();
    }));
  }

  /** Nothing in flight: any change, tick or relist starts a step. */
  private Behavior<Command> idle() {
    return Behaviors.receive(Command.class)
        .onMessage(PodChanged.class, changed -> {
          pod = changed.pod();
          return step();
        })
        .onMessageEquals(PodGone.INSTANCE, () -> {
          markGone();
          return step();
        })
        .onMessageEquals(Tick.INSTANCE, this::step)
        .onMessageEquals(Resync.INSTANCE, this::step)
        .onMessage(StatusWritten.class, this::onStatusWritten)
        .build();
  }

  /**
   * A sync is in flight. It may have looked before a change that arrives now (a new spec, a
   * deletion, a container that stopped): then {@code lookAgain}, and the worker looks again as
   * soon as it is done.
   */
  private Behavior<Command> syncing(boolean lookAgain) {
    return Behaviors.receive(Command.class)
        .onMessage(PodChanged.class, changed -> {
          pod = changed.pod();
          return syncing(true);
        })
        .onMessageEquals(PodGone.INSTANCE, () -> {
          markGone();
          return syncing(true);
        })
        .onMessageEquals(Tick.INSTANCE, () -> syncing(true))
        .onMessageEquals(Resync.INSTANCE, () -> syncing(true))
        .onMessage(Synced.class, synced -> onSynced(synced, lookAgain))
        .onMessage(StatusWritten.class, this::onStatusWritten)
        .build();
  }

  /** The pod is being stopped and removed; nothing else is done for it meanwhile. */
  private Behavior<Command> terminating() {
    return Behaviors.receive(Command.class)
        .onMessage(PodChanged.class, changed -> {
          pod = changed.pod();
          return Behaviors.same();
        })
        .onMessageEquals(PodGone.INSTANCE, Behaviors::same)
        .onMessageEquals(Tick.INSTANCE, Behaviors::same)
        .onMessageEquals(Resync.INSTANCE, Behaviors::same)
        .onMessage(StatusWritten.class, this::onStatusWritten)
        .onMessage(TornDown.class, this::onTornDown)
        .build();
  }

  private void markGone() {
    pod = pod.withMetadata(pod.metadata().withDeletion(Defaulting.now(ctx.clock()), 0L));
    drainUntil = ctx.clock().instant(); // gone from the store: nothing to wait for
  }

  private Behavior<Command> onStatusWritten(StatusWritten written) {
    if (written.failure() != null) {
      reported = null; // write again, soon
      timers.startSingleTimer(Tick.INSTANCE, Tick.INSTANCE, ctx.syncPeriod());
      context.getLog().warn("pod={}/{} status not written: {}", key.namespace(), key.name(),
          StoreClient.unwrap(written.failure()).getMessage());
    }
    return Behaviors.same();
  }

  private PodRef ref() {
    return new PodRef(ctx.nodeName(), pod.metadata().namespace(), pod.metadata().name(), pod.metadata().uid());
  }

  /** Starts the next blocking step: teardown once the pod is being deleted, else a sync. */
  private Behavior<Command> step() {
    if (pod.metadata().deletionTimestamp() != null) {
      Duration grace = Duration.ofSeconds(pod.metadata().deletionGracePeriodSeconds() == null ? 0
          : pod.metadata().deletionGracePeriodSeconds());
      Duration wait = drainWait(grace);
      if (!wait.isZero()) {
        timers.startSingleTimer(Tick.INSTANCE, Tick.INSTANCE, wait);
        return idle();
      }
      Duration left = drainStarted == null ? grace : grace.minus(Duration.between(drainStarted, ctx.clock().instant()));
      Duration remaining = left.isNegative() ? Duration.ZERO : left;
      context.getLog().info("pod={}/{} stopping (grace {}s)", key.namespace(), key.name(), remaining.getSeconds());
      report(PodEvents.killing(pod));
      PodRuntime state = runtime;
      Pod stopping = pod;
      PodRef stoppingRef = ref();
      context.pipeToSelf(CompletableFuture.supplyAsync(() -> {
        java.util.List<PodEvents.Note> said = steps.teardown(stoppingRef, stopping, state, remaining);
        report(stopping, said);
        return said;
      }, ctx.blocking()).thenCompose(done -> ctx.client().finishDeletion(key, stopping.metadata().uid())),
          (done, failure) -> new TornDown(failure));
      return terminating();
    }
    PodAdmission.Rejection rejected = runtime.sandboxId() == null ? PodAdmission.check(pod) : null;
    if (rejected != null) {
      return reject(rejected);
    }
    PodRef ref = ref();
    Pod spec = pod;
    PodRuntime state = runtime;
    context.pipeToSelf(CompletableFuture.supplyAsync(() -> steps.sync(ref, spec, state), ctx.blocking()),
        Synced::new);
    return syncing(false);
  }

  /**
   * How much longer the containers of a pod being deleted keep running while it leaves its
   * Services ({@link EndpointDrain}); zero when it may stop now. A pod that serves no Service, a
   * grace period of 0 and a pod gone from the store stop at once; the wait never takes more than
   * half the grace period, so the containers keep the rest of it to shut down.
   */
  private Duration drainWait(Duration grace) {
    java.time.Instant now = ctx.clock().instant();
    if (drainUntil == null) {
      boolean serving = !grace.isZero() && ctx.drain().serving(pod);
      drainStarted = now;
      drainUntil = serving ? now.plus(grace.dividedBy(2)) : now;
      if (serving) {
        context.getLog().info("pod={}/{} leaving its Services before its containers stop", key.namespace(),
            key.name());
      }
    }
    if (!now.isBefore(drainUntil)) {
      return Duration.ZERO;
    }
    if (!drained) {
      if (ctx.drain().serving(pod)) {
        // The endpoints controller has not dropped it yet: look again soon (bounded by drainUntil).
        return Duration.ofMillis(Math.min(50, Duration.between(now, drainUntil).toMillis() + 1));
      }
      drained = true;
      java.time.Instant propagated = now.plus(ctx.drain().propagation());
      drainUntil = propagated.isBefore(drainUntil) ? propagated : drainUntil;
    }
    return now.isBefore(drainUntil) ? Duration.between(now, drainUntil) : Duration.ZERO;
  }

  /** A pod the node does not admit ends Failed, with the reason, before anything of it starts. */
  private Behavior<Command> reject(PodAdmission.Rejection rejected) {
    PodStatus status = pod.statusOrEmpty().toBuilder().phase("Failed").reason(rejected.reason())
        .message(rejected.message()).build();
    if (writeStatus(status)) {
      ctx.events().warning(pod, rejected.reason(), rejected.message());
    }
    return idle();
  }

  private Behavior<Command> onSynced(Synced synced, boolean lookAgain) {
    if (synced.failure() != null) {
      context.getLog().warn("pod={}/{} sync failed: {}", key.namespace(), key.name(), synced.failure().toString());
      timers.startSingleTimer(Tick.INSTANCE, Tick.INSTANCE, ctx.syncPeriod());
      return idle();
    }
    report(PodEvents.between(pod, runtime, synced.state()));
    runtime = synced.state().withNotes(java.util.List.of());
    Duration next = lookAgain ? Duration.ZERO
        : PodRuntime.settled(pod, runtime) ? ctx.resyncPeriod() : ctx.syncPeriod();
    timers.startSingleTimer(Tick.INSTANCE, Tick.INSTANCE, next);
    PodStatus status = PodStatusView.of(pod, runtime, ctx.hostIp(), ctx.runtimeName(), Defaulting.now(ctx.clock()));
    writeStatus(status);
    return idle();
  }

  /** Writes the pod's status unless it is what was last written (for this pod's uid only); whether it wrote. */
  private boolean writeStatus(PodStatus status) {
    if (status.equals(reported)) {
      return false;
    }
    reported = status;
    String uid = pod.metadata().uid();
    context.pipeToSelf(ctx.client().updateStatus(key, Pod.class, current ->
            !current.metadata().uid().equals(uid) ? null : current.withStatus(status)),
        StatusWritten::new);
    return true;
  }

  private void report(java.util.List<PodEvents.Note> notes) {
    report(pod, notes);
  }

  /** Safe off the actor's thread: the event recorder is. */
  private void report(Pod about, java.util.List<PodEvents.Note> notes) {
    for (PodEvents.Note note : notes) {
      if (note.warning()) {
        ctx.events().warning(about, note.fieldPath(), note.reason(), note.message());
      } else {
        ctx.events().normal(about, note.fieldPath(), note.reason(), note.message());
      }
    }
  }

  private Behavior<Command> onTornDown(TornDown done) {
    if (done.failure() != null && StoreClient.unwrap(done.failure()).code() != 404) {
      context.getLog().warn("pod={}/{} not removed: {}; retrying", key.namespace(), key.name(),
          StoreClient.unwrap(done.failure()).getMessage());
      timers.startSingleTimer(Tick.INSTANCE, Tick.INSTANCE, ctx.syncPeriod());
      return idle();
    }
    context.getLog().info("pod={}/{} stopped and removed", key.namespace(), key.name());
    return Behaviors.stopped();
  }
}
