package io.coxswain.scheduler;

import io.coxswain.api.core.Affinity;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.NodeSelector;
import io.coxswain.api.core.NodeSelectorRequirement;
import io.coxswain.api.core.NodeSelectorTerm;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PreferredSchedulingTerm;
import io.coxswain.api.selector.ApiSelectors;
import io.coxswain.api.selector.SelectorException;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' NodeAffinity plugin: {@code spec.nodeSelector} and
 * {@code affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution} must both hold (the
 * required terms are ORed; inside a term, label expressions and field expressions are ANDed; a term
 * with neither matches no node); {@code preferredDuringScheduling...} terms add their weight.
 */
final class NodeAffinity {
  private NodeAffinity() {}

  static final String MISMATCH = "node(s) didn't match Pod's node affinity/selector";

  /** Whether the node may run the pod as far as node selection goes. */
  static boolean required(Pod pod, Node node) {
    Map<String, String> labels = node.metadata().labelsOrEmpty();
    for (Map.Entry<String, String> e : pod.spec().nodeSelector().entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    NodeSelector required = nodeAffinity(pod) == null ? null
        : nodeAffinity(pod).requiredDuringSchedulingIgnoredDuringExecution();
    if (required == null) {
      return true;
    }
    return required.nodeSelectorTerms().stream().anyMatch(term -> matches(term, node));
  }

  /** The sum of the weights of the preferred terms the node matches (Kubernetes' raw score). */
  static int preferredWeight(Pod pod, Node node) {
    if (nodeAffinity(pod) == null) {
      return 0;
    }
    int sum = 0;
    for (PreferredSchedulingTerm term : nodeAffinity(pod).preferredDuringSchedulingIgnoredDuringExecution()) {
      if (term.preference() != null && term.weight() != null && matches(term.preference(), node)) {
        sum += term.weight();
      }
    }
    return sum;
  }

  static boolean hasPreferred(Pod pod) {
    return nodeAffinity(pod) != null
        && !nodeAffinity(pod).preferredDuringSchedulingIgnoredDuringExecution().isEmpty();
  }

  private static io.coxswain.api.core.NodeAffinity nodeAffinity(Pod pod) {
    Affinity affinity = pod.spec().affinity();
    return affinity == null ? null : affinity.nodeAffinity();
  }

  static boolean matches(NodeSelectorTerm term, Node node) {
    if (term.matchExpressions().isEmpty() && term.matchFields().isEmpty()) {
      return false;
    }
    try {
      if (!ApiSelectors.ofNodeRequirements(term.matchExpressions()).matches(node.metadata().labelsOrEmpty())) {
        return false;
      }
    } catch (SelectorException e) {
      return false;
    }
    for (NodeSelectorRequirement field : term.matchFields()) {
      if (!matchesName(field, node.metadata().name())) {
        return false;
      }
    }
    return true;
  }

  /** Field requirements select by {@code metadata.name} only, with In or NotIn. */
  private static boolean matchesName(NodeSelectorRequirement field, String name) {
    if (!"metadata.name".equals(field.key())) {
      return false;
    }
    List<String> values = field.values();
    return switch (String.valueOf(field.operator())) {
      case "In" -> values.contains(name);
      case "NotIn" -> !values.contains(name);
      default -> false;
    };
  }
}
