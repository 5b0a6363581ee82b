package io.coxswain.scheduler;

import io.coxswain.api.core.Pod;
import java.util.List;

/** The scorers (0-100 each, higher is better), summed with equal weight. */
final class Scorers {
  private Scorers() {}

  interface Scorer {
    double score(Pod pod, NodeInfo node);
  }

  static List<Scorer> defaults() {
    return List.of(Scorers::leastAllocated, Scorers::spread);
  }

  /** NodeResourcesLeastAllocated: prefer the node with the most cpu and memory left after this pod. */
  static double leastAllocated(Pod pod, NodeInfo node) {
    Requests after = node.requested().plus(Requests.of(pod));
    return (free(after.milliCpu(), node.allocatableMilliCpu()) + free(after.memoryBytes(), node.allocatableMemory())) / 2;
  }

  private static double free(long used, long capacity) {
    if (capacity == Long.MAX_VALUE || capacity <= 0) {
      return 100;
    }
    return Math.max(0, 100.0 * (capacity - used) / capacity);
  }

  /** Spread: prefer the node with the fewest pods of the same controller (owner uid), so a node's loss hurts less. */
  static double spread(Pod pod, NodeInfo node) {
    String owner = NodeInfo.controllerUid(pod);
    return owner == null ? 100 : 100.0 / (1 + node.podsOf(owner));
  }
}
