package io.coxswain.scheduler;

import java.util.List;

/** The scorers (0-100 each, higher is better), summed with equal weight. */
final class Scorers {
  private Scorers() {}

  interface Scorer {
    double score(PodDemand demand, NodeInfo node);
  }

  static List<Scorer> defaults() {
    return List.of(Scorers::leastAllocated, Scorers::spread);
  }

  /** NodeResourcesLeastAllocated: prefer the node with the most cpu and memory left after this pod. */
  static double leastAllocated(PodDemand demand, NodeInfo node) {
    Requests after = node.requested().plus(demand.requests());
    return (free(after.milliCpu(), node.allocatableMilliCpu()) + free(after.memoryBytes(), node.allocatableMemory())) / 2;
  }

  private static double free(long used, long capacity) {
    if (capacity == Long.MAX_VALUE || capacity <= 0) {
      return 100;
    }
    return Math.max(0, 100.0 * (capacity - used) / capacity);
  }

  /** Spread: prefer the node with the fewest pods of the same controller (owner uid), so a node's loss hurts less. */
  static double spread(PodDemand demand, NodeInfo node) {
    String owner = demand.controllerUid();
    return owner == null ? 100 : 100.0 / (1 + node.podsOf(owner));
  }
}
