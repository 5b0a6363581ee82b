package io.coxswain.scheduler;

import io.coxswain.api.Defaulting;
import io.coxswain.api.KubeObject;
import io.coxswain.api.PodScheduling;
import io.coxswain.api.core.Pod;
import io.coxswain.store.EventRecorder;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreOp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The scheduler (a cluster singleton): on every pass it takes a snapshot of the watch cache, runs
 * the {@link SchedulingPipeline} for each pending pod — counting the pods it placed earlier in the
 * pass — binds the ones that fit, and marks the others Unschedulable with a FailedScheduling event
 * that says why. Pending pods are retried every pass, so a change in the cluster (a node joins,
 * a pod leaves) is picked up within one period. One pass at a time.
 */
public final class Scheduler extends AbstractBehavior<Scheduler.Command> {

  public sealed interface Command {}

  private enum Pass implements Command { INSTANCE }

  private record PassDone(Object ignored, Throwable failure) implements Command {}

  private final StoreClient store;
  private final Clock clock;
  private final EventRecorder events;
  private final SchedulingPipeline pipeline = SchedulingPipeline.defaults();
  /** The last reason reported per pending pod (by uid), so a FailedScheduling event is written once per reason. */
  private final Map<String, String> reported = new HashMap<>();
  private boolean running;

  private Scheduler(ActorContext<Command> context, StoreClient store, Clock clock) {
    super(context);
    this.store = store;
    this.clock = clock;
    this.events = new EventRecorder(store, ClusterSnapshot.SCHEDULER_NAME, null, clock);
  }

  public static Behavior<Command> create(StoreClient store, Duration period, Clock clock) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(Pass.INSTANCE, Pass.INSTANCE, Duration.ZERO, period);
      return new Scheduler(context, store, clock);
    }));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Pass.INSTANCE, this::pass)
        .onMessage(PassDone.class, done -> {
          running = false;
          if (done.failure() != null) {
            getContext().getLog().warn("scheduling pass failed: {}", StoreClient.unwrap(done.failure()).getMessage());
          }
          return this;
        })
        .build();
  }

  private Behavior<Command> pass() {
    if (running || !store.cache().ready()) {
      return this;
    }
    ClusterSnapshot snapshot = ClusterSnapshot.of(store.cache().view());
    if (snapshot.pending().isEmpty()) {
      reported.clear();
      return this;
    }
    running = true;
    Map<String, NodeInfo> nodes = new HashMap<>(snapshot.nodes());
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (Pod pod : snapshot.pending()) {
      SchedulingPipeline.Decision decision = pipeline.schedule(pod, nodes.values());
      if (decision.scheduled()) {
        nodes.put(decision.node(), nodes.get(decision.node()).with(pod));
        reported.remove(pod.metadata().uid());
        writes.add(bind(pod, decision.node()));
      } else if (!decision.unschedulableMessage().equals(reported.get(pod.metadata().uid()))) {
        reported.put(pod.metadata().uid(), decision.unschedulableMessage());
        writes.add(markUnschedulable(pod, decision.unschedulableMessage()));
      }
    }
    getContext().pipeToSelf(CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)), PassDone::new);
    return this;
  }

  private static ResourceKey key(Pod pod) {
    return new ResourceKey("pods", pod.metadata().namespace(), pod.metadata().name());
  }

  /** The binding: only if the pod is still the same one and still unbound. */
  private CompletableFuture<?> bind(Pod pod, String node) {
    ResourceKey key = key(pod);
    getContext().getLog().info("pod={}/{} scheduled node={}", key.namespace(), key.name(), node);
    return store.mutate(key, current -> unchanged(current, pod)
            ? new StoreOp.Update(key, PodScheduling.bound((Pod) current, node, Defaulting.now(clock)),
                current.metadata().resourceVersion())
            : null)
        .thenCompose(done -> events.normal(pod, "Scheduled",
            "Successfully assigned " + key.namespace() + "/" + key.name() + " to " + node))
        .toCompletableFuture().exceptionally(failure -> null);
  }

  private CompletableFuture<?> markUnschedulable(Pod pod, String message) {
    ResourceKey key = key(pod);
    getContext().getLog().info("pod={}/{} unschedulable: {}", key.namespace(), key.name(), message);
    CompletableFuture<?> condition = store.mutate(key, current -> unchanged(current, pod)
            ? new StoreOp.Update(key, PodScheduling.unschedulable((Pod) current, message, Defaulting.now(clock)),
                current.metadata().resourceVersion())
            : null)
        .toCompletableFuture().exceptionally(failure -> null);
    CompletableFuture<?> recorded = events.warning(pod, "FailedScheduling", message).toCompletableFuture();
    return CompletableFuture.allOf(condition, recorded);
  }

  private static boolean unchanged(KubeObject current, Pod pod) {
    return current instanceof Pod now && now.metadata().uid().equals(pod.metadata().uid())
        && (now.spec().nodeName() == null || now.spec().nodeName().isEmpty());
  }
}
