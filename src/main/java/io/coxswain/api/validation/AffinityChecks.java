package io.coxswain.api.validation;

import io.coxswain.api.LabelSelector;
import io.coxswain.api.LabelSelectorRequirement;
import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.Affinity;
import io.coxswain.api.core.NodeSelectorRequirement;
import io.coxswain.api.core.NodeSelectorTerm;
import io.coxswain.api.core.PodAffinityTerm;
import io.coxswain.api.core.PreferredSchedulingTerm;
import io.coxswain.api.core.WeightedPodAffinityTerm;
import java.util.List;

/**
 * Kubernetes' ValidateAffinity: node selector terms and requirements (operators and the values
 * each takes), weights 1-100, pod affinity terms with a topology key and valid selectors.
 */
final class AffinityChecks {
  private AffinityChecks() {}

  private static final List<String> NODE_OPERATORS = List.of("DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn");
  private static final List<String> LABEL_OPERATORS = List.of("DoesNotExist", "Exists", "In", "NotIn");

  static void affinity(Affinity a, String path, List<StatusCause> out) {
    if (a == null) {
      return;
    }
    if (a.nodeAffinity() != null) {
      String at = path + ".nodeAffinity";
      var required = a.nodeAffinity().requiredDuringSchedulingIgnoredDuringExecution();
      if (required != null) {
        String r = at + ".requiredDuringSchedulingIgnoredDuringExecution";
        if (required.nodeSelectorTerms().isEmpty()) {
          out.add(Causes.required(r + ".nodeSelectorTerms", "must have at least one node selector term"));
        }
        for (int i = 0; i < required.nodeSelectorTerms().size(); i++) {
          term(required.nodeSelectorTerms().get(i), r + ".nodeSelectorTerms[" + i + "]", out);
        }
      }
      List<PreferredSchedulingTerm> preferred = a.nodeAffinity().preferredDuringSchedulingIgnoredDuringExecution();
      for (int i = 0; i < preferred.size(); i++) {
        String p = at + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
        weight(preferred.get(i).weight(), p + ".weight", out);
        term(preferred.get(i).preference(), p + ".preference", out);
      }
    }
    if (a.podAffinity() != null) {
      podTerms(a.podAffinity().requiredDuringSchedulingIgnoredDuringExecution(),
          a.podAffinity().preferredDuringSchedulingIgnoredDuringExecution(), path + ".podAffinity", out);
    }
    if (a.podAntiAffinity() != null) {
      podTerms(a.podAntiAffinity().requiredDuringSchedulingIgnoredDuringExecution(),
          a.podAntiAffinity().preferredDuringSchedulingIgnoredDuringExecution(), path + ".podAntiAffinity", out);
    }
  }

  private static void term(NodeSelectorTerm term, String path, List<StatusCause> out) {
    if (term == null) {
      out.add(Causes.required(path, ""));
      return;
    }
    for (int i = 0; i < term.matchExpressions().size(); i++) {
      nodeRequirement(term.matchExpressions().get(i), path + ".matchExpressions[" + i + "]", out);
    }
    for (int i = 0; i < term.matchFields().size(); i++) {
      NodeSelectorRequirement f = term.matchFields().get(i);
      String at = path + ".matchFields[" + i + "]";
      if (!"metadata.name".equals(f.key())) {
        out.add(Causes.invalid(at + ".key", f.key(), "not a valid field selector key"));
      } else if (!List.of("In", "NotIn").contains(f.operator())) {
        out.add(Causes.notSupported(at + ".operator", f.operator(), List.of("In", "NotIn")));
      } else if (f.values().size() != 1) {
        out.add(Causes.required(at + ".values", "must be only one value when `operator` is 'In' or 'NotIn' for "
            + "node field selector"));
      }
    }
  }

  private static void nodeRequirement(NodeSelectorRequirement r, String path, List<StatusCause> out) {
    Names.qualifiedName(r.key()).forEach(m -> out.add(Causes.invalid(path + ".key", r.key(), m)));
    String op = r.operator();
    if (!NODE_OPERATORS.contains(op)) {
      out.add(Causes.notSupported(path + ".operator", op, NODE_OPERATORS));
      return;
    }
    switch (op) {
      case "In", "NotIn" -> {
        if (r.values().isEmpty()) {
          out.add(Causes.required(path + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
        }
      }
      case "Exists", "DoesNotExist" -> {
        if (!r.values().isEmpty()) {
          out.add(Causes.forbidden(path + ".values", "may not be specified when `operator` is 'Exists' or "
              + "'DoesNotExist'"));
        }
      }
      default -> {
        if (r.values().size() != 1) {
          out.add(Causes.required(path + ".values", "must be specified single value when `operator` is 'Lt' or "
              + "'Gt'"));
        } else if (!r.values().get(0).matches("-?[0-9]+")) {
          out.add(Causes.invalid(path + ".values[0]", r.values().get(0), "must be an integer"));
        }
      }
    }
  }

  private static void podTerms(List<PodAffinityTerm> required, List<WeightedPodAffinityTerm> preferred, String path,
      List<StatusCause> out) {
    for (int i = 0; i < required.size(); i++) {
      podTerm(required.get(i), path + ".requiredDuringSchedulingIgnoredDuringExecution[" + i + "]", out);
    }
    for (int i = 0; i < preferred.size(); i++) {
      String at = path + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
      weight(preferred.get(i).weight(), at + ".weight", out);
      podTerm(preferred.get(i).podAffinityTerm(), at + ".podAffinityTerm", out);
    }
  }

  private static void podTerm(PodAffinityTerm term, String path, List<StatusCause> out) {
    if (term == null) {
      out.add(Causes.required(path, ""));
      return;
    }
    if (term.topologyKey() == null || term.topologyKey().isEmpty()) {
      out.add(Causes.required(path + ".topologyKey", "can not be empty"));
    } else {
      Names.qualifiedName(term.topologyKey()).forEach(m -> out.add(Causes.invalid(path + ".topologyKey",
          term.topologyKey(), m)));
    }
    labelSelector(term.labelSelector(), path + ".labelSelector", out);
    labelSelector(term.namespaceSelector(), path + ".namespaceSelector", out);
    for (int i = 0; i < term.namespaces().size(); i++) {
      String ns = term.namespaces().get(i);
      int at = i;
      Names.dns1123Label(ns).forEach(m -> out.add(Causes.invalid(path + ".namespaces[" + at + "]", ns, m)));
    }
  }

  /** Kubernetes' ValidateLabelSelector: operators, the values each takes, label keys and values. */
  static void labelSelector(LabelSelector selector, String path, List<StatusCause> out) {
    if (selector == null) {
      return;
    }
    for (int i = 0; i < selector.matchExpressions().size(); i++) {
      LabelSelectorRequirement r = selector.matchExpressions().get(i);
      String at = path + ".matchExpressions[" + i + "]";
      Names.qualifiedName(r.key()).forEach(m -> out.add(Causes.invalid(at + ".key", r.key(), m)));
      if (!LABEL_OPERATORS.contains(r.operator())) {
        out.add(Causes.notSupported(at + ".operator", r.operator(), LABEL_OPERATORS));
      } else if (List.of("In", "NotIn").contains(r.operator()) && r.values().isEmpty()) {
        out.add(Causes.required(at + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
      } else if (List.of("Exists", "DoesNotExist").contains(r.operator()) && !r.values().isEmpty()) {
        out.add(Causes.forbidden(at + ".values", "may not be specified when `operator` is 'Exists' or "
            + "'DoesNotExist'"));
      }
    }
    selector.matchLabels().forEach((k, v) -> {
      Names.qualifiedName(k).forEach(m -> out.add(Causes.invalid(path + ".matchLabels", k, m)));
      Names.labelValue(v).forEach(m -> out.add(Causes.invalid(path + ".matchLabels", v, m)));
    });
  }

  private static void weight(Integer weight, String path, List<StatusCause> out) {
    if (weight == null || weight < 1 || weight > 100) {
      out.add(Causes.invalid(path, weight == null ? 0 : weight, "must be in the range 1-100"));
    }
  }
}
