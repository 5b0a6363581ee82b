package io.coxswain.scheduler;

import io.coxswain.api.Quantity;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.ContainerPort;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.NodeCondition;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Taint;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node as the scheduler sees it: the Node object, what the filters read of it worked out once
 * (every pod's filters and scorers ask, on hundreds of nodes), and what the pods
 * bound to it add up to — their number, summed requests, the host ports they hold, and how many
 * each controller owns (for spreading), the pods themselves (for pod affinity) and how many of them
 * keep others away by required anti-affinity. Immutable; {@link #with} is the node after one more
 * pod: the pods bound at the snapshot are shared, those placed in this pass are listed apart.
 */
record NodeInfo(Node node, Traits traits, int podCount, Requests requested, Set<String> hostPorts,
                Map<String, Integer> podsPerController, List<Pod> bound, List<Pod> added, int antiAffinityPods) {
  NodeInfo {
    hostPorts = Set.copyOf(hostPorts);
    podsPerController = Map.copyOf(podsPerController);
  }

  /** Every pod on the node: bound at the snapshot, then placed in this pass. */
  Iterable<Pod> pods() {
    return added.isEmpty() ? bound : () -> java.util.stream.Stream.concat(bound.stream(), added.stream()).iterator();
  }

  /**
   * The node's allocatable resources (Long.MAX_VALUE when not reported), whether its Ready
   * condition is True, whether it is cordoned, and its taints that keep pods off (NoSchedule,
   * NoExecute).
   */
  record Traits(long milliCpu, long memoryBytes, long pods, boolean ready, boolean unschedulable,
                List<Taint> schedulingTaints) {
    static Traits of(Node node) {
      Map<String, Quantity> allocatable = node.status() == null ? Map.of() : node.status().allocatable();
      NodeCondition condition = node.status() == null ? null : node.status().condition("Ready");
      List<Taint> taints = node.spec() == null ? List.of() : node.spec().taints().stream()
          .filter(t -> "NoSchedule".equals(t.effect()) || "NoExecute".equals(t.effect())).toList();
      return new Traits(quantity(allocatable.get("cpu"), true), quantity(allocatable.get("memory"), false),
          quantity(allocatable.get("pods"), false), condition != null && "True".equals(condition.status()),
          node.spec() != null && Boolean.TRUE.equals(node.spec().unschedulable()), taints);
    }

    private static long quantity(Quantity value, boolean milli) {
      if (value == null) {
        return Long.MAX_VALUE;
      }
      return milli ? value.milliValue() : value.value();
    }
  }

  static NodeInfo of(Node node, List<Pod> pods) {
    return of(node, pods, new PodDemands());
  }

  static NodeInfo of(Node node, List<Pod> pods, PodDemands demands) {
    Requests requested = Requests.NONE;
    Set<String> ports = new HashSet<>();
    Map<String, Integer> controllers = new java.util.HashMap<>();
    int anti = 0;
    for (Pod pod : pods) {
      anti += InterPodAffinity.hasRequiredAntiAffinity(pod) ? 1 : 0;
      PodDemand demand = demands.of(pod);
      requested = requested.plus(demand.requests());
      ports.addAll(demand.hostPorts());
      if (demand.controllerUid() != null) {
        controllers.merge(demand.controllerUid(), 1, Integer::sum);
      }
    }
    return new NodeInfo(node, Traits.of(node), pods.size(), requested, ports, controllers,
        java.util.Collections.unmodifiableList(pods), List.of(), anti);
  }

  /** This node with one more pod: copies only what the pod changes. */
  NodeInfo with(PodDemand demand) {
    Set<String> ports = hostPorts;
    if (!demand.hostPorts().isEmpty()) {
      ports = new HashSet<>(hostPorts);
      ports.addAll(demand.hostPorts());
    }
    Map<String, Integer> controllers = podsPerController;
    if (demand.controllerUid() != null) {
      controllers = new java.util.HashMap<>(podsPerController);
      controllers.merge(demand.controllerUid(), 1, Integer::sum);
    }
    List<Pod> placed = new java.util.ArrayList<>(added);
    placed.add(demand.pod());
    return new NodeInfo(node, traits, podCount + 1, requested.plus(demand.requests()), ports, controllers, bound,
        List.copyOf(placed), antiAffinityPods + (InterPodAffinity.hasRequiredAntiAffinity(demand.pod()) ? 1 : 0));
  }

  /** How many of this node's pods the controller with this uid owns. */
  int podsOf(String controllerUid) {
    return podsPerController.getOrDefault(controllerUid, 0);
  }

  String name() {
    return node.metadata().name();
  }

  long allocatableMilliCpu() {
    return traits.milliCpu();
  }

  long allocatableMemory() {
    return traits.memoryBytes();
  }

  long allocatablePods() {
    return traits.pods();
  }

  boolean ready() {
    return traits.ready();
  }

  boolean unschedulable() {
    return traits.unschedulable();
  }

  /** "protocol/port" for every hostPort a pod asks for. */
  static Set<String> hostPortsOf(Pod pod) {
    Set<String> ports = new HashSet<>();
    for (Container container : pod.spec().containers()) {
      for (ContainerPort port : container.ports()) {
        if (port.hostPort() != null && port.hostPort() > 0) {
          ports.add((port.protocol() == null ? "TCP" : port.protocol()) + "/" + port.hostPort());
        }
      }
    }
    return ports;
  }
}
