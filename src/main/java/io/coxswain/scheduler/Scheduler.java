package io.coxswain.scheduler;

import io.coxswain.api.Defaulting;
import io.coxswain.api.PodScheduling;
import io.coxswain.api.core.Pod;
import io.coxswain.store.CacheView;
import io.coxswain.registry.Client;
import io.coxswain.registry.EventRecorder;
import io.coxswain.store.WatchCache;
import io.coxswain.store.ResourceKey;
import io.coxswain.api.core.Node;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.controller.kit.Writes;
import java.util.function.Consumer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The scheduler (a cluster singleton on the {@link Controller} kit): a pass takes the cache's
 * pending pods and nodes ({@link ClusterSnapshot}), runs the {@link SchedulingPipeline} for each
 * pending pod — counting the pods it placed earlier in the pass — binds the ones that fit, and
 * marks the others Unschedulable with a FailedScheduling event that says why.
 *
 * <p>Its work queue holds one key, the pass: a pod waiting for a node queues it, and while pods
 * wait, so does every change that can make room or a new place (a bound pod going away, a node
 * added or changing what the filters read of it) — Kubernetes' scheduler moves unschedulable pods
 * back to its active queue on the same cluster events. Heartbeats change nothing the filters read,
 * so a settled cluster costs nothing here.
 */
public final class Scheduler {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Scheduler.class);
  /** The work queue's only key. */
  static final String PASS = "pass";
  /** The shortest time between the starts of two passes. */
  static final Duration BATCH = Duration.ofMillis(100);

  /** Where the next pod's node search starts: rotates, so every node gets its turn. */
  private int nextStart;
  private final Client client;
  private final Clock clock;
  private final EventRecorder events;
  private final SchedulingPipeline pipeline = SchedulingPipeline.defaults();
  /** Whether the last pass left a pod with pod affinity terms unplaced (read on the feed thread). */
  private volatile boolean affinityWaiting;
  private final PodDemands demands = new PodDemands();
  /** The last reason reported per pending pod (by uid), so a FailedScheduling event is written once per reason. */
  private final Map<String, String> reported = new HashMap<>();

  private Scheduler(Client client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.events = new EventRecorder(client, ClusterSnapshot.SCHEDULER_NAME, null, clock);
  }

  /** @param resync how often pending pods are tried again without any event (a safety net) */
  public static Behavior<Controller.Command> create(WatchCache cache, Client client, Duration resync, Clock clock) {
    Scheduler scheduler = new Scheduler(client, clock);
    return Controller.create(Controller.Settings.of("scheduler", resync).withWorkers(1), cache,
        Controller.Reconciler.of((String key, CacheView view) -> {
          // A pass is held for at least BATCH: pods that arrive meanwhile wait for one more pass
          // instead of each starting one (a pass reads every node's pods), as the old 200 ms
          // period batched them. With nothing pending no pass runs at all.
          CompletableFuture<?> held = CompletableFuture.runAsync(() -> {},
              CompletableFuture.delayedExecutor(BATCH.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
          return Writes.all(scheduler.pass(view)).thenCombine(held, (a, b) -> Controller.Result.DONE);
        }, view -> List.of(PASS)), List.of(
            Informer.of("pods", Pod.class, (before, after, view, enqueue) -> {
              podChanged(before, after, view, enqueue);
              if (scheduler.affinityWaiting) {
                podPlaced(before, after, enqueue);
              }
            }),
            Informer.of("nodes", Node.class, Scheduler::nodeChanged)), clock);
  }

  /**
   * A pod that waits for a node (one whose last scheduling gate was just removed included; a gated
   * one does not wait yet), or (while pods wait) a bound pod leaving or ending.
   */
  static void podChanged(Pod before, Pod after, CacheView view, Consumer<String> enqueue) {
    if (after != null && unbound(after) && after.metadata().deletionTimestamp() == null
        && SchedulingGates.ready(after)) {
      enqueue.accept(PASS);
    } else if (before != null && !unbound(before) && !ClusterSnapshot.terminal(before)
        && (after == null || ClusterSnapshot.terminal(after)) && ClusterSnapshot.anyPending(view)) {
      enqueue.accept(PASS);
    }
  }

  /**
   * While a pod with pod affinity terms could not be placed: a pod placed or relabelled, which may
   * satisfy it (Kubernetes requeues such pods on an assigned pod's add or update).
   */
  static void podPlaced(Pod before, Pod after, Consumer<String> enqueue) {
    if (after != null && !unbound(after) && (before == null || unbound(before)
        || !before.metadata().labelsOrEmpty().equals(after.metadata().labelsOrEmpty()))) {
      enqueue.accept(PASS);
    }
  }

  /** While pods wait: a node added, or changed in what the filters read (resources, readiness, taints, labels). */
  static void nodeChanged(Node before, Node after, CacheView view, Consumer<String> enqueue) {
    if (after == null || !ClusterSnapshot.anyPending(view)) {
      return;
    }
    if (before == null || !NodeInfo.Traits.of(before).equals(NodeInfo.Traits.of(after))
        || !before.metadata().labelsOrEmpty().equals(after.metadata().labelsOrEmpty())) {
      enqueue.accept(PASS);
    }
  }

  private static boolean unbound(Pod pod) {
    return pod.spec().nodeName() == null || pod.spec().nodeName().isEmpty();
  }

  private List<CompletableFuture<?>> pass(CacheView view) {
    boolean waitingOnPods = false;
    ClusterSnapshot snapshot = ClusterSnapshot.of(view, demands);
    demands.endPass();
    List<CompletableFuture<?>> writes = new ArrayList<>();
    if (snapshot.pending().isEmpty()) {
      reported.clear();
      affinityWaiting = false;
      return writes;
    }
    List<NodeInfo> nodes = new ArrayList<>(new java.util.TreeMap<>(snapshot.nodes()).values());
    pipeline.namespaceLabels(snapshot.namespaceLabels());
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      position.put(nodes.get(i).name(), i);
    }
    for (Pod pod : snapshot.pending()) {
      PodDemand demand = demands.of(pod);
      SchedulingPipeline.Decision decision = pipeline.schedule(demand, nodes, nextStart);
      nextStart = nodes.isEmpty() ? 0 : (nextStart + decision.scanned()) % nodes.size();
      if (decision.scheduled()) {
        int at = position.get(decision.node());
        nodes.set(at, nodes.get(at).with(demand));
        reported.remove(pod.metadata().uid());
        writes.add(bind(pod, decision.node()));
      } else if (InterPodAffinity.hasTerms(pod)) {
        waitingOnPods = true;
      }
      if (!decision.scheduled() && !decision.unschedulableMessage().equals(reported.get(pod.metadata().uid()))) {
        reported.put(pod.metadata().uid(), decision.unschedulableMessage());
        writes.add(markUnschedulable(pod, decision.unschedulableMessage()));
      }
    }
    affinityWaiting = waitingOnPods;
    return writes;
  }

  private static ResourceKey key(Pod pod) {
    return new ResourceKey("pods", pod.metadata().namespace(), pod.metadata().name());
  }

  /** The binding ({@code pods/binding}): only if the pod is still the same one (uid) and still unbound. */
  private CompletableFuture<?> bind(Pod pod, String node) {
    ResourceKey key = key(pod);
    log.debug("pod={}/{} scheduled node={}", key.namespace(), key.name(), node);
    CompletionStage<?> bound = client.bind(key, pod.metadata().uid(), node)
        .thenCompose(done -> events.normal(pod, "Scheduled",
            "Successfully assigned " + key.namespace() + "/" + key.name() + " to " + node));
    return bound.toCompletableFuture();
  }

  private CompletableFuture<?> markUnschedulable(Pod pod, String message) {
    ResourceKey key = key(pod);
    log.info("pod={}/{} unschedulable: {}", key.namespace(), key.name(), message);
    CompletableFuture<?> condition = client.updateStatus(key, Pod.class, current -> unchanged(current, pod)
        ? PodScheduling.unschedulable(current, message, Defaulting.now(clock)) : null).toCompletableFuture();
    CompletableFuture<?> recorded = events.warning(pod, "FailedScheduling", message).toCompletableFuture();
    return CompletableFuture.allOf(condition, recorded);
  }

  private static boolean unchanged(Pod current, Pod pod) {
    return current.metadata().uid().equals(pod.metadata().uid()) && unbound(current);
  }
}
