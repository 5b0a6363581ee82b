package io.coxswain.api.selector;

import io.coxswain.api.LabelSelectorRequirement;
import io.coxswain.api.core.NodeSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The selectors written inside objects (a {@code metav1.LabelSelector} with matchLabels and
 * matchExpressions; a node selector term's requirements) as parsed {@link LabelSelector}s.
 * Operators are Kubernetes' spellings: In, NotIn, Exists, DoesNotExist, and for nodes Gt, Lt.
 *
 * @throws SelectorException for an operator or value Kubernetes would refuse
 */
public final class ApiSelectors {
  private ApiSelectors() {}

  /** A metav1.LabelSelector; null stays null (callers decide what "no selector" selects). */
  public static LabelSelector of(io.coxswain.api.LabelSelector selector) {
    if (selector == null) {
      return null;
    }
    List<Requirement> requirements = new ArrayList<>();
    for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
      requirements.add(new Requirement(e.getKey(), Operator.EQUALS, List.of(e.getValue())));
    }
    for (LabelSelectorRequirement r : selector.matchExpressions()) {
      requirements.add(new Requirement(r.key(), operator(r.operator(), false), r.values()));
    }
    return new LabelSelector(requirements);
  }

  /** The AND of a node selector term's label requirements (matchExpressions). */
  public static LabelSelector ofNodeRequirements(List<NodeSelectorRequirement> expressions) {
    List<Requirement> requirements = new ArrayList<>();
    for (NodeSelectorRequirement r : expressions) {
      requirements.add(new Requirement(r.key(), operator(r.operator(), true), r.values()));
    }
    return new LabelSelector(requirements);
  }

  private static Operator operator(String name, boolean node) {
    Operator op = switch (name == null ? "" : name) {
      case "In" -> Operator.IN;
      case "NotIn" -> Operator.NOT_IN;
      case "Exists" -> Operator.EXISTS;
      case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
      case "Gt" -> node ? Operator.GREATER_THAN : null;
      case "Lt" -> node ? Operator.LESS_THAN : null;
      default -> null;
    };
    if (op == null) {
      throw new SelectorException("\"" + name + "\" is not a valid selector operator");
    }
    return op;
  }
}
