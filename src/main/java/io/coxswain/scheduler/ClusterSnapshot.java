package io.coxswain.scheduler;

import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import io.coxswain.store.CacheView;
import io.coxswain.store.Indexes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's picture of one moment: each node with its pods, the pods waiting for a node, and
 * every namespace's labels (for pod affinity terms that pick namespaces by label).
 */
record ClusterSnapshot(Map<String, NodeInfo> nodes, List<Pod> pending, Map<String, Map<String, String>> namespaceLabels) {
  static final String SCHEDULER_NAME = "default-scheduler";

  /**
   * The snapshot, from the cache's node index: the unbound pods without scheduling gates (the
   * queue), and only when some wait, each node with the pods bound to it. A settled cluster costs
   * one index lookup.
   */
  static ClusterSnapshot of(CacheView view, PodDemands demands) {
    List<Pod> pending = new ArrayList<>();
    for (KubeObject object : view.indexed(Indexes.NODE, "")) {
      Pod pod = (Pod) object;
      if (pod.metadata().deletionTimestamp() == null && mine(pod) && SchedulingGates.ready(pod)) {
        pending.add(pod);
      }
    }
    if (pending.isEmpty()) {
      return new ClusterSnapshot(Map.of(), pending, Map.of());
    }
    Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    for (KubeObject object : view.list("nodes", null, null, 0, o -> true).items()) {
      Node node = (Node) object;
      List<Pod> bound = new ArrayList<>();
      for (KubeObject pod : view.indexed(Indexes.NODE, node.metadata().name())) {
        if (!terminal((Pod) pod)) {
          bound.add((Pod) pod);
        }
      }
      nodes.put(node.metadata().name(), NodeInfo.of(node, bound, demands));
    }
    // Oldest first, as Kubernetes' queue orders pods of equal priority.
    pending.sort(Comparator.comparing((Pod p) -> String.valueOf(p.metadata().creationTimestamp()))
        .thenComparing(p -> p.metadata().namespace()).thenComparing(p -> p.metadata().name()));
    Map<String, Map<String, String>> namespaceLabels = new java.util.HashMap<>();
    for (KubeObject ns : view.list("namespaces", null, null, 0, o -> true).items()) {
      namespaceLabels.put(ns.metadata().name(), ns.metadata().labelsOrEmpty());
    }
    return new ClusterSnapshot(nodes, pending, namespaceLabels);
  }

  /** Whether some pod waits for this scheduler (one index lookup; the informers ask it often). */
  static boolean anyPending(CacheView view) {
    return view.indexedCount(Indexes.NODE, "") > 0;
  }

  static boolean terminal(Pod pod) {
    String phase = pod.statusOrEmpty().phase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static boolean mine(Pod pod) {
    String name = pod.spec().schedulerName();
    return name == null || name.isEmpty() || SCHEDULER_NAME.equals(name);
  }
}
