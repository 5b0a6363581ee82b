package io.coxswain.scheduler;

import io.coxswain.api.core.Taint;
import java.util.List;
import java.util.Optional;

/** The feasibility filters, in the order Kubernetes' default profile runs them. */
final class Filters {
  private Filters() {}

  static List<Filter> defaults() {
    return List.of(Filters::unschedulable, Filters::notReady, Filters::taints, Filters::nodeAffinity,
        Filters::hostPorts, Filters::resources, Filters::interPodAffinity);
  }

  /** NodeUnschedulable: cordoned nodes take no new pods. */
  static Optional<String> unschedulable(PodDemand demand, NodeInfo node) {
    return node.unschedulable() ? Optional.of("node(s) were unschedulable") : Optional.empty();
  }

  /** A node whose Ready condition is not True carries Kubernetes' not-ready taint. */
  static Optional<String> notReady(PodDemand demand, NodeInfo node) {
    if (node.ready()) {
      return Optional.empty();
    }
    Taint taint = new Taint("node.kubernetes.io/not-ready", null, "NoSchedule", null);
    boolean tolerated = demand.pod().spec().tolerations().stream().anyMatch(t -> t.tolerates(taint));
    return tolerated ? Optional.empty() : Optional.of("node(s) had untolerated taint {node.kubernetes.io/not-ready: }");
  }

  /** NodeAffinity: spec.nodeSelector and the required node affinity terms ({@link NodeAffinity}). */
  static Optional<String> nodeAffinity(PodDemand demand, NodeInfo node) {
    return NodeAffinity.required(demand.pod(), node.node()) ? Optional.empty() : Optional.of(NodeAffinity.MISMATCH);
  }

  /** InterPodAffinity: required pod affinity and anti-affinity, both ways ({@link InterPodAffinity}). */
  static Optional<String> interPodAffinity(PodDemand demand, NodeInfo node) {
    return demand.affinity() == InterPodAffinity.Prepared.NONE ? Optional.empty()
        : InterPodAffinity.filter(demand.affinity(), node.node());
  }

  /** TaintToleration: NoSchedule (and NoExecute) taints need a matching toleration. */
  static Optional<String> taints(PodDemand demand, NodeInfo node) {
    for (Taint taint : node.traits().schedulingTaints()) {
      if (demand.pod().spec().tolerations().stream().noneMatch(t -> t.tolerates(taint))) {
        return Optional.of("node(s) had untolerated taint {" + taint.key() + ": "
            + (taint.value() == null ? "" : taint.value()) + "}");
      }
    }
    return Optional.empty();
  }

  /** NodePorts: a hostPort can be held by one pod per node. */
  static Optional<String> hostPorts(PodDemand demand, NodeInfo node) {
    if (demand.hostPorts().isEmpty()) {
      return Optional.empty();
    }
    boolean clash = demand.hostPorts().stream().anyMatch(node.hostPorts()::contains);
    return clash ? Optional.of("node(s) didn't have free ports for the requested pod ports") : Optional.empty();
  }

  /** NodeResourcesFit: requests fit allocatable minus what the node's pods already request. */
  static Optional<String> resources(PodDemand demand, NodeInfo node) {
    if (node.podCount() + 1 > node.allocatablePods()) {
      return Optional.of("Too many pods");
    }
    Requests want = demand.requests();
    if (want.milliCpu() > 0 && node.requested().milliCpu() + want.milliCpu() > node.allocatableMilliCpu()) {
      return Optional.of("Insufficient cpu");
    }
    if (want.memoryBytes() > 0 && node.requested().memoryBytes() + want.memoryBytes() > node.allocatableMemory()) {
      return Optional.of("Insufficient memory");
    }
    return Optional.empty();
  }
}
