package io.coxswain.scheduler;

import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import io.coxswain.store.CacheView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The scheduler's picture of one moment: each node with its pods, and the pods waiting for a node. */
record ClusterSnapshot(Map<String, NodeInfo> nodes, List<Pod> pending) {
  static final String SCHEDULER_NAME = "default-scheduler";

  /** The snapshot; without pending pods the nodes are not worked out (there is nothing to place). */
  static ClusterSnapshot of(CacheView view, PodDemands demands) {
    Map<String, List<Pod>> bound = new HashMap<>();
    List<Pod> pending = new ArrayList<>();
    for (KubeObject object : view.list("pods", null, null, 0, o -> true).items()) {
      Pod pod = (Pod) object;
      String node = pod.spec().nodeName();
      if (node != null && !node.isEmpty()) {
        if (!terminal(pod)) {
          bound.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
        }
      } else if (pod.metadata().deletionTimestamp() == null && mine(pod)) {
        pending.add(pod);
      }
    }
    if (pending.isEmpty()) {
      return new ClusterSnapshot(Map.of(), pending);
    }
    Map<String, NodeInfo> nodes = new LinkedHashMap<>();
    for (KubeObject object : view.list("nodes", null, null, 0, o -> true).items()) {
      Node node = (Node) object;
      nodes.put(node.metadata().name(),
          NodeInfo.of(node, bound.getOrDefault(node.metadata().name(), List.of()), demands));
    }
    // Oldest first, as Kubernetes' queue orders pods of equal priority.
    pending.sort(Comparator.comparing((Pod p) -> String.valueOf(p.metadata().creationTimestamp()))
        .thenComparing(p -> p.metadata().namespace()).thenComparing(p -> p.metadata().name()));
    return new ClusterSnapshot(nodes, pending);
  }

  private static boolean terminal(Pod pod) {
    String phase = pod.statusOrEmpty().phase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static boolean mine(Pod pod) {
    String name = pod.spec().schedulerName();
    return name == null || name.isEmpty() || SCHEDULER_NAME.equals(name);
  }
}
