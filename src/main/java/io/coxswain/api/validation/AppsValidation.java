package io.coxswain.api.validation;

import io.coxswain.api.LabelSelector;
import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.apps.Deployment;
import io.coxswain.api.apps.DeploymentSpec;
import io.coxswain.api.apps.ReplicaSet;
import io.coxswain.api.apps.RollingUpdateDeployment;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.PodTemplateSpec;
import io.coxswain.api.selector.ApiSelectors;
import io.coxswain.api.selector.SelectorException;
import java.util.List;
import java.util.Objects;

/**
 * Kubernetes' apps/v1 validation (ValidateDeployment, ValidateReplicaSet): a selector that is
 * given, not empty and matches the template's labels; a template whose pods restart Always;
 * counts not negative; for Deployments a strategy of RollingUpdate (with valid, not both zero,
 * maxUnavailable and maxSurge) or Recreate, and a progress deadline longer than minReadySeconds.
 * The selector may not change once set (apps/v1).
 */
final class AppsValidation {
  private static final List<String> STRATEGIES = List.of("Recreate", "RollingUpdate");

  private AppsValidation() {}

  static void deployment(Deployment deployment, List<StatusCause> out) {
    MetaValidation.objectMeta(deployment.metadata(), true, Names::dns1123Subdomain, out);
    DeploymentSpec spec = deployment.spec();
    ContainerChecks.nonNegative(spec.replicas(), "spec.replicas", out);
    ContainerChecks.nonNegative(spec.minReadySeconds(), "spec.minReadySeconds", out);
    ContainerChecks.nonNegative(spec.revisionHistoryLimit(), "spec.revisionHistoryLimit", out);
    selectorAndTemplate(spec.selector(), spec.template(), "deployment", out);
    String type = spec.strategy() == null ? null : spec.strategy().type();
    if (type != null && !STRATEGIES.contains(type)) {
      out.add(Causes.notSupported("spec.strategy.type", type, STRATEGIES));
    }
    RollingUpdateDeployment rolling = spec.strategy() == null ? null : spec.strategy().rollingUpdate();
    if ("Recreate".equals(type) && rolling != null) {
      out.add(Causes.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"));
    } else if (rolling != null) {
      String at = "spec.strategy.rollingUpdate";
      intOrPercent(rolling.maxUnavailable(), at + ".maxUnavailable", true, out);
      intOrPercent(rolling.maxSurge(), at + ".maxSurge", false, out);
      if (isZero(rolling.maxUnavailable()) && isZero(rolling.maxSurge())) {
        out.add(Causes.invalid(at + ".maxUnavailable", rolling.maxUnavailable().intValue() != null
            ? rolling.maxUnavailable().intValue() : rolling.maxUnavailable().stringValue(),
            "may not be 0 when `maxSurge` is 0"));
      }
    }
    if (spec.progressDeadlineSeconds() != null) {
      ContainerChecks.nonNegative(spec.progressDeadlineSeconds(), "spec.progressDeadlineSeconds", out);
      int minReady = spec.minReadySeconds() == null ? 0 : spec.minReadySeconds();
      if (spec.progressDeadlineSeconds() <= minReady) {
        out.add(Causes.invalid("spec.progressDeadlineSeconds", spec.progressDeadlineSeconds(),
            "must be greater than minReadySeconds"));
      }
    }
  }

  static void replicaSet(ReplicaSet rs, List<StatusCause> out) {
    MetaValidation.objectMeta(rs.metadata(), true, Names::dns1123Subdomain, out);
    ContainerChecks.nonNegative(rs.spec().replicas(), "spec.replicas", out);
    ContainerChecks.nonNegative(rs.spec().minReadySeconds(), "spec.minReadySeconds", out);
    selectorAndTemplate(rs.spec().selector(), rs.spec().template(), "replicaset", out);
  }

  /** apps/v1 selectors are immutable (ValidateDeploymentUpdate, ValidateReplicaSetUpdate). */
  static void selectorUnchanged(LabelSelector before, LabelSelector after, List<StatusCause> out) {
    if (before != null && !Objects.equals(before, after)) {
      out.add(Causes.invalid("spec.selector", after, "field is immutable"));
    }
  }

  private static void selectorAndTemplate(LabelSelector selector, PodTemplateSpec template, String kind,
      List<StatusCause> out) {
    io.coxswain.api.selector.LabelSelector matcher = null;
    if (selector == null) {
      out.add(Causes.required("spec.selector", ""));
    } else {
      AffinityChecks.labelSelector(selector, "spec.selector", out);
      if (selector.matchLabels().isEmpty() && selector.matchExpressions().isEmpty()) {
        out.add(Causes.invalid("spec.selector", selector, "empty selector is invalid for " + kind));
      } else {
        try {
          matcher = ApiSelectors.of(selector);
        } catch (SelectorException e) {
          // reported by labelSelector above
        }
      }
    }
    String path = "spec.template";
    if (template == null) {
      out.add(Causes.required(path, ""));
      return;
    }
    var labels = template.metadata().labelsOrEmpty();
    if (matcher != null && !matcher.matches(labels)) {
      out.add(Causes.invalid(path + ".metadata.labels", labels, "`selector` does not match template `labels`"));
    }
    MetaValidation.labels(labels, path + ".metadata.labels", out);
    MetaValidation.annotations(template.metadata().annotationsOrEmpty(), path + ".metadata.annotations", out);
    if (template.spec() == null) {
      out.add(Causes.required(path + ".spec", ""));
      return;
    }
    PodValidation.spec(template.spec(), path + ".spec", out);
    String restart = template.spec().restartPolicy();
    if (restart != null && !restart.isEmpty() && !restart.equals("Always")) {
      out.add(Causes.notSupported(path + ".spec.restartPolicy", restart, List.of("Always")));
    }
    if (template.spec().activeDeadlineSeconds() != null) {
      out.add(Causes.forbidden(path + ".spec.activeDeadlineSeconds",
          "activeDeadlineSeconds in " + (kind.equals("deployment") ? "Deployment" : "ReplicaSet") + " is not Supported"));
    }
  }

  /** A count not below zero, or a percentage ("25%"), at most 100% where {@code capped}. */
  private static void intOrPercent(IntOrString value, String path, boolean capped, List<StatusCause> out) {
    if (value == null) {
      return;
    }
    if (value.isInt()) {
      ContainerChecks.nonNegative(value.intValue(), path, out);
      return;
    }
    String s = value.stringValue();
    if (!s.matches("[0-9]+%")) {
      out.add(Causes.invalid(path, s, "a valid percent string must be a numeric string followed by an ending '%' "
          + "(e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
    } else if (capped && Integer.parseInt(s.substring(0, s.length() - 1)) > 100) {
      out.add(Causes.invalid(path, s, "must not be greater than 100%"));
    }
  }

  private static boolean isZero(IntOrString value) {
    return value != null && (value.isInt() ? value.intValue() == 0 : "0%".equals(value.stringValue()));
  }
}
