package io.coxswain.api.validation;

import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.PodSchedulingGate;
import io.coxswain.api.core.PodSpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Kubernetes' rules for {@code spec.schedulingGates}, with its field paths and messages: the gates
 * are named once, when the pod is made, and afterwards may only be taken away; the scheduler
 * leaves a pod alone while any is left.
 */
final class SchedulingGateChecks {
  private SchedulingGateChecks() {}

  /**
   * Every pod spec, a template's too (Kubernetes' validateSchedulingGates): each name a qualified
   * name, and no name twice. Both are reported at {@code PATH[i]}, not at its {@code .name}, as
   * Kubernetes does: e.g. {@code spec.schedulingGates[1]: Duplicate value: "example.com/a"}.
   */
  static void names(List<PodSchedulingGate> gates, String path, List<StatusCause> out) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < gates.size(); i++) {
      String name = PodValidation.orEmpty(gates.get(i).name());
      String at = path + "[" + i + "]";
      Names.qualifiedName(name).forEach(m -> out.add(Causes.invalid(at, name, m)));
      if (!seen.add(name)) {
        out.add(Causes.duplicate(at, name));
      }
    }
  }

  /**
   * A new pod only (Kubernetes' ValidatePodCreate): a pod cannot name its node while gated, since
   * naming it skips the scheduler the gates hold back.
   */
  static void create(PodSpec spec, List<StatusCause> out) {
    if (MetaValidation.notEmpty(spec.nodeName()) && !spec.schedulingGates().isEmpty()) {
      out.add(Causes.forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared"));
    }
  }

  /**
   * An update (Kubernetes' validateOnlyDeletedSchedulingGates): every gate of the new spec must
   * have been there before, compared by name, so gates can be removed (or reordered) and never
   * added or renamed. One cause per new gate, at its index: {@code spec.schedulingGates[1].name:
   * Forbidden: only deletion is allowed, but found new scheduling gate 'x'} (Kubernetes reports
   * them in map order; here they come in list order).
   */
  static void onlyDeleted(List<PodSchedulingGate> oldGates, List<PodSchedulingGate> newGates,
      List<StatusCause> out) {
    Map<String, Integer> added = new LinkedHashMap<>();
    for (int i = 0; i < newGates.size(); i++) {
      // The last index of a name wins, as Kubernetes' map of new gates keeps it.
      added.put(PodValidation.orEmpty(newGates.get(i).name()), i);
    }
    oldGates.forEach(g -> added.remove(PodValidation.orEmpty(g.name())));
    added.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> out.add(Causes.forbidden(
        "spec.schedulingGates[" + e.getValue() + "].name",
        "only deletion is allowed, but found new scheduling gate '" + e.getKey() + "'")));
  }

  /**
   * While a pod is gated its nodeSelector may grow (Kubernetes' validateNodeSelectorMutation): a
   * key may be added, none removed or changed. One cause at {@code spec.nodeSelector} at most.
   */
  static void nodeSelectorOnlyAdded(Map<String, String> oldSelector, Map<String, String> newSelector,
      List<StatusCause> out) {
    for (Map.Entry<String, String> e : oldSelector.entrySet()) {
      if (!newSelector.containsKey(e.getKey()) || !Objects.equals(e.getValue(), newSelector.get(e.getKey()))) {
        out.add(Causes.invalid("spec.nodeSelector", newSelector,
            "only additions to spec.nodeSelector are allowed (no mutations or deletions)"));
        return;
      }
    }
  }
}
