package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Taint;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.controller.kit.Writes;
import io.coxswain.registry.Client;
import io.coxswain.registry.EventRecorder;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Kubernetes' taint eviction controller (a cluster singleton on the {@link Controller} kit, keyed
 * by node name): pods on a node with {@code NoExecute} taints they do not tolerate are deleted
 * (gracefully, as a client's delete), and pods that tolerate them for {@code tolerationSeconds} are
 * deleted when that time has passed since the taint's {@code timeAdded} ({@link TaintEviction}).
 * Each eviction is recorded as a {@code TaintManagerEviction} event on the pod. A node is queued
 * when its NoExecute taints change and when a pod is bound to it or changes its tolerations.
 */
public final class TaintEvictionController {
  private TaintEvictionController() {}

  public static Behavior<Controller.Command> create(WatchCache cache, Client client, Duration resync, Clock clock) {
    EventRecorder events = new EventRecorder(client, "taint-eviction-controller", null, clock);
    Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    return Controller.create(Controller.Settings.of("taint-eviction", resync), cache, Controller.Reconciler.of(
        (String node, CacheView view) -> reconcile(client, events, node, view, clock, firstSeen),
        view -> view.list("nodes", null, null, 0, o -> !noExecute((Node) o).isEmpty()).items().stream()
            .map(o -> o.metadata().name()).toList()),
        List.of(
            Informer.of("nodes", Node.class, (before, after, view, enqueue) -> {
              if (after != null && !noExecute(after).equals(before == null ? List.of() : noExecute(before))) {
                enqueue.accept(after.metadata().name());
              }
            }),
            Informer.of("pods", Pod.class, (before, after, view, enqueue) -> {
              String node = after == null ? null : after.spec().nodeName();
              if (node != null && !node.isEmpty() && (before == null || !node.equals(before.spec().nodeName())
                  || !Objects.equals(before.spec().tolerations(), after.spec().tolerations()))) {
                enqueue.accept(node);
              }
            })), clock);
  }

  private static String seenKey(String node, Taint t) {
    return node + "/" + t.key() + "=" + (t.value() == null ? "" : t.value()) + ":" + t.effect();
  }

  static List<Taint> noExecute(Node node) {
    return node.spec() == null ? List.of()
        : node.spec().taints().stream().filter(t -> "NoExecute".equals(t.effect())).toList();
  }

  /**
   * @param firstSeen when each NoExecute taint without a timeAdded was first seen, by
   *     "node/key=value:effect"; kept in memory as Kubernetes' controller keeps it, and forgotten
   *     when the taint goes
   */
  static CompletionStage<Controller.Result> reconcile(Client client, EventRecorder events, String name,
      CacheView view, Clock clock, Map<String, Instant> firstSeen) {
    KubeObject object = view.get(ResourceKey.clusterScoped("nodes", name));
    List<Taint> taints = object instanceof Node n ? noExecute(n) : List.of();
    java.util.Set<String> current = new java.util.HashSet<>();
    taints.forEach(t -> current.add(seenKey(name, t)));
    firstSeen.keySet().removeIf(k -> k.startsWith(name + "/") && !current.contains(k));
    if (taints.isEmpty()) {
      return Controller.Result.done();
    }
    Node node = (Node) object;
    Instant now = clock.instant();
    Instant next = null;
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (KubeObject o : view.indexed(Indexes.NODE, name)) {
      Pod pod = (Pod) o;
      if (pod.metadata().deletionTimestamp() != null) {
        continue;
      }
      Instant due = TaintEviction.due(pod, node.spec().taints(), now,
          t -> firstSeen.computeIfAbsent(seenKey(name, t), k -> now));
      if (due == null) {
        continue;
      }
      if (!due.isAfter(now)) {
        writes.add(client.delete(io.coxswain.registry.Registry.keyOf(pod), Deletion.Options.DEFAULT).toCompletableFuture()
            .thenCompose(deleted -> events.normal(pod, "TaintManagerEviction",
                "Marking for deletion Pod " + pod.metadata().namespace() + "/" + pod.metadata().name())));
      } else if (next == null || due.isBefore(next)) {
        next = due;
      }
    }
    Duration wait = next == null ? null : Duration.between(now, next);
    return Writes.all(writes).thenApply(done -> wait == null ? Controller.Result.DONE
        : Controller.Result.requeueAfter(wait));
  }
}
