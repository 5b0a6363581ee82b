package io.coxswain.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.Json;
import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.PodSpec;
import io.coxswain.api.core.Toleration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Kubernetes' ValidatePodUpdate: a pod's spec is fixed once created, except container images,
 * a shrinking activeDeadlineSeconds, added tolerations and removed scheduling gates (and, while
 * the pod is still gated, keys added to its nodeSelector). Everything else (including nodeName,
 * which only the binding subresource sets) is compared after copying the allowed changes onto the
 * old spec, and any remaining difference is Forbidden at {@code spec}.
 */
final class PodUpdateValidation {
  static final String FORBIDDEN_MESSAGE = "pod updates may not change fields other than "
      + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
      + "`spec.tolerations` (only additions to existing tolerations),"
      + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

  private PodUpdateValidation() {}

  static void update(PodSpec oldSpec, PodSpec newSpec, List<StatusCause> out) {
    activeDeadline(oldSpec.activeDeadlineSeconds(), newSpec.activeDeadlineSeconds(), out);
    if (!onlyAddedTolerations(oldSpec.tolerations(), newSpec.tolerations())) {
      out.add(Causes.forbidden("spec.tolerations", "existing toleration can not be modified except its "
          + "tolerationSeconds"));
    }
    SchedulingGateChecks.onlyDeleted(oldSpec.schedulingGates(), newSpec.schedulingGates(), out);
    PodSpec munged = oldSpec
        .withContainers(withImages(oldSpec.containers(), newSpec.containers()))
        .withInitContainers(withImages(oldSpec.initContainers(), newSpec.initContainers()))
        .withActiveDeadlineSeconds(newSpec.activeDeadlineSeconds())
        .withTolerations(newSpec.tolerations())
        .withSchedulingGates(newSpec.schedulingGates());
    if (!oldSpec.schedulingGates().isEmpty() && !oldSpec.nodeSelector().equals(newSpec.nodeSelector())) {
      // A gated pod has not been placed yet, so narrowing where it may go changes nothing that ran.
      SchedulingGateChecks.nodeSelectorOnlyAdded(oldSpec.nodeSelector(), newSpec.nodeSelector(), out);
      munged = munged.withNodeSelector(newSpec.nodeSelector());
    }
    Long oldGrace = oldSpec.terminationGracePeriodSeconds();
    if (oldGrace != null && oldGrace < 0 && Objects.equals(newSpec.terminationGracePeriodSeconds(), 1L)) {
      munged = munged.withPodDefaults(munged.restartPolicy(), 1L, munged.dnsPolicy(), munged.schedulerName());
    }
    if (!munged.equals(newSpec)) {
      out.add(Causes.forbidden("spec", FORBIDDEN_MESSAGE + "\n" + changedFields(munged, newSpec)));
    }
  }

  private static void activeDeadline(Long oldValue, Long newValue, List<StatusCause> out) {
    String path = "spec.activeDeadlineSeconds";
    if (newValue != null) {
      if (newValue < 0 || newValue > Integer.MAX_VALUE) {
        out.add(Causes.invalid(path, newValue, "must be between 0 and " + Integer.MAX_VALUE + ", inclusive"));
      } else if (oldValue != null && oldValue < newValue) {
        out.add(Causes.invalid(path, newValue, "must be less than or equal to previous value"));
      }
    } else if (oldValue != null) {
      out.add(Causes.invalid(path, null, "must not update from a positive integer to nil value"));
    }
  }

  /** Each old toleration must still be there, equal except perhaps for its tolerationSeconds. */
  private static boolean onlyAddedTolerations(List<Toleration> oldList, List<Toleration> newList) {
    for (Toleration old : oldList) {
      boolean found = newList.stream().anyMatch(t -> new Toleration(old.key(), old.operator(), old.value(),
          old.effect(), t.tolerationSeconds()).equals(t));
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** The old containers with the new images; a changed container count is left to show as a diff. */
  private static List<Container> withImages(List<Container> oldList, List<Container> newList) {
    if (oldList.size() != newList.size()) {
      return oldList;
    }
    List<Container> out = new ArrayList<>();
    for (int i = 0; i < oldList.size(); i++) {
      out.add(oldList.get(i).withImage(newList.get(i).image()));
    }
    return out;
  }

  /** A short account of which spec fields differ, in place of Kubernetes' full object diff. */
  private static String changedFields(PodSpec expected, PodSpec actual) {
    JsonNode a = Json.toTree(expected);
    JsonNode b = Json.toTree(actual);
    List<String> changed = new ArrayList<>();
    List<String> names = new ArrayList<>();
    a.fieldNames().forEachRemaining(names::add);
    for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    for (String name : names) {
      if (!Objects.equals(a.get(name), b.get(name))) {
        changed.add("spec." + name);
      }
    }
    return "  changed: " + String.join(", ", changed);
  }
}
