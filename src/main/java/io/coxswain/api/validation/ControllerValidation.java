package io.coxswain.api.validation;

import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.PodTemplateSpec;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.ReplicationControllerSpec;
import io.coxswain.api.core.Scale;
import java.util.List;
import java.util.Map;

/** Kubernetes' ValidateReplicationController (and the Scale subresource body). */
final class ControllerValidation {
  private ControllerValidation() {}

  static void replicationController(ReplicationController rc, List<StatusCause> out) {
    MetaValidation.objectMeta(rc.metadata(), true, Names::dns1123Subdomain, out);
    ReplicationControllerSpec spec = rc.spec();
    ContainerChecks.nonNegative(spec.minReadySeconds(), "spec.minReadySeconds", out);
    ContainerChecks.nonNegative(spec.replicas(), "spec.replicas", out);
    if (spec.selector().isEmpty()) {
      out.add(Causes.required("spec.selector", ""));
    } else {
      MetaValidation.labels(spec.selector(), "spec.selector", out);
    }
    template(spec.template(), spec.selector(), out);
  }

  private static void template(PodTemplateSpec template, Map<String, String> selector, List<StatusCause> out) {
    String path = "spec.template";
    if (template == null) {
      out.add(Causes.required(path, ""));
      return;
    }
    Map<String, String> labels = template.metadata().labelsOrEmpty();
    if (!selector.isEmpty() && !matches(selector, labels)) {
      out.add(Causes.invalid(path + ".metadata.labels", labels, "`selector` does not match template `labels`"));
    }
    MetaValidation.labels(labels, path + ".metadata.labels", out);
    MetaValidation.annotations(template.metadata().annotationsOrEmpty(), path + ".metadata.annotations", out);
    PodValidation.spec(template.spec(), path + ".spec", out);
    String restart = template.spec().restartPolicy();
    if (restart != null && !restart.isEmpty() && !restart.equals("Always")) {
      out.add(Causes.notSupported(path + ".spec.restartPolicy", restart, List.of("Always")));
    }
    if (template.spec().activeDeadlineSeconds() != null) {
      out.add(Causes.forbidden(path + ".spec.activeDeadlineSeconds",
          "activeDeadlineSeconds in ReplicationController is not Supported"));
    }
  }

  /** An equality-based selector matches when every pair is among the labels. */
  static boolean matches(Map<String, String> selector, Map<String, String> labels) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  static void scale(Scale scale, List<StatusCause> out) {
    MetaValidation.objectMeta(scale.metadata(), true, Names::dns1123Subdomain, out);
    if (scale.spec().replicas() != null && scale.spec().replicas() < 0) {
      out.add(Causes.invalid("spec.replicas", scale.spec().replicas(), "must be greater than or equal to 0"));
    }
  }
}
