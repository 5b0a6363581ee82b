package io.coxswain.scheduler;

import java.util.List;
import java.util.function.Predicate;

/**
 * The scorers (higher is better). Each gives a raw score per feasible node; those Kubernetes
 * normalises are brought to 0-100 over the feasible nodes; the sum is weighted as in Kubernetes'
 * default profile (node and pod affinity count twice).
 */
final class Scorers {
  private Scorers() {}

  interface Scorer {
    double score(PodDemand demand, NodeInfo node);
  }

  /** How raw scores become 0-100: already are; divided by the best; or spread from worst to best. */
  enum Normalize { NONE, BY_MAX, MIN_MAX }

  /** A scorer, its weight, its normalisation, and the pods it has something to say about. */
  record Weighted(Scorer scorer, int weight, Normalize normalize, Predicate<PodDemand> applies) {}

  static List<Weighted> defaults() {
    return List.of(
        new Weighted(Scorers::leastAllocated, 1, Normalize.NONE, d -> true),
        new Weighted(Scorers::spread, 1, Normalize.NONE, d -> true),
        new Weighted((d, n) -> NodeAffinity.preferredWeight(d.pod(), n.node()), 2, Normalize.BY_MAX,
            d -> NodeAffinity.hasPreferred(d.pod())),
        new Weighted((d, n) -> InterPodAffinity.rawScore(d.affinity(), n.node()), 2, Normalize.MIN_MAX,
            d -> d.affinity().scores()));
  }

  /** Each node's weighted, normalised total, in the order of {@code nodes}. */
  static double[] total(List<Weighted> scorers, PodDemand demand, List<NodeInfo> nodes) {
    double[] total = new double[nodes.size()];
    double[] raw = new double[nodes.size()];
    for (Weighted w : scorers) {
      if (!w.applies().test(demand)) {
        continue;
      }
      double min = Double.MAX_VALUE;
      double max = -Double.MAX_VALUE;
      for (int i = 0; i < nodes.size(); i++) {
        raw[i] = w.scorer().score(demand, nodes.get(i));
        min = Math.min(min, raw[i]);
        max = Math.max(max, raw[i]);
      }
      for (int i = 0; i < nodes.size(); i++) {
        double score = switch (w.normalize()) {
          case NONE -> raw[i];
          case BY_MAX -> max > 0 ? 100 * raw[i] / max : 0;
          case MIN_MAX -> max > min ? 100 * (raw[i] - min) / (max - min) : 0;
        };
        total[i] += w.weight() * score;
      }
    }
    return total;
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
