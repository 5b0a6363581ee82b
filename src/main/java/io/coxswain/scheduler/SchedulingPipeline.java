package io.coxswain.scheduler;

import io.coxswain.api.core.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Scheduling one pod, as Kubernetes' scheduler does it: run every filter on every node, score the
 * nodes that pass, pick the best (ties broken by name, so runs repeat). When none passes, the
 * answer is Kubernetes' message: "0/3 nodes are available: 1 node(s) were unschedulable,
 * 2 Insufficient memory." (reasons counted, sorted as Kubernetes sorts them).
 */
final class SchedulingPipeline {
  private final List<Filter> filters;
  private final List<Scorers.Scorer> scorers;

  SchedulingPipeline(List<Filter> filters, List<Scorers.Scorer> scorers) {
    this.filters = List.copyOf(filters);
    this.scorers = List.copyOf(scorers);
  }

  static SchedulingPipeline defaults() {
    return new SchedulingPipeline(Filters.defaults(), Scorers.defaults());
  }

  /** The chosen node, or the reason none fits. */
  record Decision(String node, String unschedulableMessage) {
    boolean scheduled() {
      return node != null;
    }
  }

  Decision schedule(Pod pod, Collection<NodeInfo> nodes) {
    Map<String, Integer> reasons = new TreeMap<>();
    List<NodeInfo> feasible = new ArrayList<>();
    for (NodeInfo node : nodes) {
      Optional<String> rejected = filters.stream().map(f -> f.reject(pod, node)).flatMap(Optional::stream).findFirst();
      if (rejected.isPresent()) {
        reasons.merge(rejected.get(), 1, Integer::sum);
      } else {
        feasible.add(node);
      }
    }
    if (feasible.isEmpty()) {
      List<String> counted = new ArrayList<>();
      reasons.forEach((reason, count) -> counted.add(count + " " + reason));
      counted.sort(null);
      String message = "0/" + nodes.size() + " nodes are available"
          + (counted.isEmpty() ? "" : ": " + String.join(", ", counted)) + ".";
      return new Decision(null, message);
    }
    NodeInfo best = null;
    double bestScore = -1;
    for (NodeInfo node : feasible) {
      double score = scorers.stream().mapToDouble(s -> s.score(pod, node)).sum();
      if (score > bestScore || score == bestScore && node.name().compareTo(best.name()) < 0) {
        best = node;
        bestScore = score;
      }
    }
    return new Decision(best.name(), null);
  }
}
