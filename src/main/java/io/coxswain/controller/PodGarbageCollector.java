package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodCondition;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.controller.kit.Writes;
import io.coxswain.registry.Client;
import io.coxswain.registry.EventRecorder;
import io.coxswain.registry.Registry;
import io.coxswain.store.CacheView;
import io.coxswain.store.Deletion;
import io.coxswain.store.Indexes;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Kubernetes' pod garbage collector for orphaned pods (a cluster singleton on the
 * {@link Controller} kit, keyed by node name): a pod bound to a node that does not exist — a
 * {@code nodeName} no node ever had, or a node that was deleted — would stay Pending, or
 * Terminating once deleted, forever, since no agent will ever run or stop it. Once the node has
 * been missing for the quarantine ({@code coxswain.controllers.pod-gc-quarantine}, 40 s as in
 * Kubernetes, so a node registering late is not taken for a missing one), each such pod gets phase
 * Failed with a {@code DisruptionTarget} condition (reason {@code DeletionByPodGC}) and is
 * force-deleted (grace period 0), so its controller replaces it.
 */
public final class PodGarbageCollector {
  private PodGarbageCollector() {}

  public static Behavior<Controller.Command> create(WatchCache cache, Client client, Duration quarantine,
      Duration resync, Clock clock) {
    EventRecorder events = new EventRecorder(client, "pod-garbage-collector", null, clock);
    Map<String, Instant> missingSince = new ConcurrentHashMap<>();
    return Controller.create(Controller.Settings.of("pod-gc", resync), cache, Controller.Reconciler.of(
        (String node, CacheView view) -> reconcile(client, events, node, view, quarantine, clock, missingSince),
        PodGarbageCollector::missingNodes), List.of(
            Informer.<Pod, String>of("pods", Pod.class, (before, after, view, enqueue) -> {
              String node = after == null ? null : after.spec().nodeName();
              if (node != null && !node.isEmpty() && view.get(ResourceKey.clusterScoped("nodes", node)) == null) {
                enqueue.accept(node);
              }
            }),
            Informer.<io.coxswain.api.core.Node, String>of("nodes", io.coxswain.api.core.Node.class,
                (before, after, view, enqueue) -> enqueue.accept((after != null ? after : before).metadata().name()))),
        clock);
  }

  /** The names pods are bound to that no node has. */
  static List<String> missingNodes(CacheView view) {
    List<String> missing = new ArrayList<>();
    for (KubeObject object : view.list("pods", null, null, 0, o -> true).items()) {
      String node = ((Pod) object).spec().nodeName();
      if (node != null && !node.isEmpty() && !missing.contains(node)
          && view.get(ResourceKey.clusterScoped("nodes", node)) == null) {
        missing.add(node);
      }
    }
    return missing;
  }

  static CompletionStage<Controller.Result> reconcile(Client client, EventRecorder events, String node,
      CacheView view, Duration quarantine, Clock clock, Map<String, Instant> missingSince) {
    if (view.get(ResourceKey.clusterScoped("nodes", node)) != null) {
      missingSince.remove(node);
      return Controller.Result.done();
    }
    List<KubeObject> pods = view.indexed(Indexes.NODE, node);
    if (pods.isEmpty()) {
      missingSince.remove(node);
      return Controller.Result.done();
    }
    Instant now = clock.instant();
    Instant since = missingSince.computeIfAbsent(node, n -> now);
    Instant due = since.plus(quarantine);
    if (now.isBefore(due)) {
      return CompletableFuture.completedFuture(Controller.Result.requeueAfter(Duration.between(now, due)));
    }
    List<CompletionStage<?>> writes = new ArrayList<>();
    for (KubeObject object : pods) {
      Pod pod = (Pod) object;
      writes.add(collect(client, events, pod, node, clock));
    }
    return Writes.all(writes).thenApply(done -> Controller.Result.DONE);
  }

  /** Failed with the DisruptionTarget condition (unless already finished), then deleted with no grace period. */
  private static CompletionStage<?> collect(Client client, EventRecorder events, Pod pod, String node, Clock clock) {
    ResourceKey key = Registry.keyOf(pod);
    String phase = pod.statusOrEmpty().phase();
    CompletionStage<?> failed = "Succeeded".equals(phase) || "Failed".equals(phase)
        ? CompletableFuture.completedFuture(null)
        : client.updateStatus(key, Pod.class, current -> {
          if (!current.metadata().uid().equals(pod.metadata().uid())) {
            return null;
          }
          String at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
          List<PodCondition> conditions = new ArrayList<>(current.statusOrEmpty().conditions().stream()
              .filter(c -> !"DisruptionTarget".equals(c.type())).toList());
          conditions.add(new PodCondition("DisruptionTarget", "True", null, at, "DeletionByPodGC",
              "PodGC: node no longer exists", null));
          return current.withStatus(current.statusOrEmpty().withPhase("Failed").withConditions(conditions));
        }).handle(PodGarbageCollector::unlessGone);
    return failed.thenCompose(ignored -> client.delete(key, new Deletion.Options(0L, "Background",
            pod.metadata().uid(), null)))
        .thenCompose(deleted -> events.normal(pod, "PodGarbageCollected",
            "Deleted: bound to node \"" + node + "\", which does not exist"))
        .handle(PodGarbageCollector::unlessGone);
  }

  /** A pod already gone is what was wanted; any other failure is retried by the work queue. */
  private static Object unlessGone(Object done, Throwable failure) {
    if (failure == null || io.coxswain.store.StoreClient.unwrap(failure).code() == 404) {
      return null;
    }
    throw failure instanceof java.util.concurrent.CompletionException c ? c
        : new java.util.concurrent.CompletionException(failure);
  }
}
