package io.coxswain.scheduler;

import io.coxswain.api.core.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Scheduling one pod, as Kubernetes' scheduler does it: run the filters on the nodes (in large
 * clusters only until enough feasible ones are found), score the nodes that pass, pick the best
 * (ties broken by name, so runs repeat). When none passes, the
 * answer is Kubernetes' message: "0/3 nodes are available: 1 node(s) were unschedulable,
 * 2 Insufficient memory." (reasons counted, sorted as Kubernetes sorts them).
 */
final class SchedulingPipeline {
  private final List<Filter> filters;
  private final List<Scorers.Weighted> scorers;
  private Map<String, Map<String, String>> namespaceLabels = Map.of();

  SchedulingPipeline(List<Filter> filters, List<Scorers.Weighted> scorers) {
    this.filters = List.copyOf(filters);
    this.scorers = List.copyOf(scorers);
  }

  static SchedulingPipeline defaults() {
    return new SchedulingPipeline(Filters.defaults(), Scorers.defaults());
  }

  /** The chosen node, or the reason none fits; {@code scanned} is how many nodes were filtered. */
  record Decision(String node, String unschedulableMessage, int scanned) {
    boolean scheduled() {
      return node != null;
    }
  }

  /**
   * How many feasible nodes to find before scoring, as Kubernetes' adaptive
   * percentageOfNodesToScore: every node in small clusters; in large ones 50% less 1% per 125
   * nodes (at least 5%), and never fewer than 100.
   */
  static int feasibleToFind(int nodes) {
    if (nodes < 100) {
      return nodes;
    }
    int percent = Math.max(5, 50 - nodes / 125);
    return Math.max(100, nodes * percent / 100);
  }

  Decision schedule(Pod pod, Collection<NodeInfo> nodes) {
    return schedule(pod, List.copyOf(nodes), 0);
  }

  /**
   * Filters nodes starting at {@code start} (wrapping round) until enough feasible ones are found,
   * then scores those. Callers rotate {@code start} so every node gets its turn.
   */
  Decision schedule(Pod pod, List<NodeInfo> nodes, int start) {
    return schedule(PodDemand.of(pod), nodes, start);
  }

  /** Every namespace's labels, for pod affinity terms that select namespaces by label. */
  void namespaceLabels(Map<String, Map<String, String>> labels) {
    namespaceLabels = Map.copyOf(labels);
  }

  Decision schedule(PodDemand podDemand, List<NodeInfo> nodes, int start) {
    // PreFilter: what pod (anti-)affinity needs, once per attempt, over every node.
    PodDemand demand = podDemand.withAffinity(InterPodAffinity.prepare(podDemand.pod(), nodes, namespaceLabels));
    Map<String, Integer> reasons = new TreeMap<>();
    List<NodeInfo> feasible = new ArrayList<>();
    int wanted = feasibleToFind(nodes.size());
    int scanned = 0;
    while (scanned < nodes.size() && feasible.size() < wanted) {
      NodeInfo node = nodes.get((start + scanned) % nodes.size());
      scanned++;
      String rejected = firstRejection(demand, node);
      if (rejected != null) {
        reasons.merge(rejected, 1, Integer::sum);
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
      return new Decision(null, message, scanned);
    }
    NodeInfo best = null;
    double bestScore = -1;
    double[] scores = Scorers.total(scorers, demand, feasible);
    for (int i = 0; i < feasible.size(); i++) {
      NodeInfo node = feasible.get(i);
      double score = scores[i];
      if (score > bestScore || score == bestScore && node.name().compareTo(best.name()) < 0) {
        best = node;
        bestScore = score;
      }
    }
    return new Decision(best.name(), null, scanned);
  }

  private String firstRejection(PodDemand demand, NodeInfo node) {
    for (Filter filter : filters) {
      Optional<String> rejected = filter.reject(demand, node);
      if (rejected.isPresent()) {
        return rejected.get();
      }
    }
    return null;
  }
}
