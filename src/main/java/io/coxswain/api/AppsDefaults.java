package io.coxswain.api;

import io.coxswain.api.apps.DeploymentSpec;
import io.coxswain.api.apps.DeploymentStrategy;
import io.coxswain.api.apps.ReplicaSetSpec;
import io.coxswain.api.apps.RollingUpdateDeployment;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.PodTemplateSpec;

/**
 * Kubernetes' apps/v1 defaults (SetDefaults_Deployment, SetDefaults_ReplicaSet): one replica; a
 * Deployment rolls with RollingUpdate, 25% unavailable and 25% surge, keeps 10 old ReplicaSets and
 * gives a rollout 600 seconds to progress; the pod template gets the pod defaults.
 */
public final class AppsDefaults {
  private static final IntOrString QUARTER = IntOrString.of("25%");

  private AppsDefaults() {}

  static DeploymentSpec deployment(DeploymentSpec spec) {
    DeploymentStrategy strategy = spec.strategy() == null || spec.strategy().type() == null
        ? new DeploymentStrategy("RollingUpdate", spec.strategy() == null ? null : spec.strategy().rollingUpdate())
        : spec.strategy();
    if ("RollingUpdate".equals(strategy.type())) {
      RollingUpdateDeployment rolling = strategy.rollingUpdate() == null
          ? new RollingUpdateDeployment(null, null) : strategy.rollingUpdate();
      strategy = new DeploymentStrategy("RollingUpdate", new RollingUpdateDeployment(
          rolling.maxUnavailable() == null ? QUARTER : rolling.maxUnavailable(),
          rolling.maxSurge() == null ? QUARTER : rolling.maxSurge()));
    }
    return spec.toBuilder()
        .replicas(spec.replicas() == null ? 1 : spec.replicas())
        .strategy(strategy)
        .revisionHistoryLimit(spec.revisionHistoryLimit() == null ? 10 : spec.revisionHistoryLimit())
        .progressDeadlineSeconds(spec.progressDeadlineSeconds() == null ? 600 : spec.progressDeadlineSeconds())
        .template(template(spec.template()))
        .build();
  }

  static ReplicaSetSpec replicaSet(ReplicaSetSpec spec) {
    return new ReplicaSetSpec(spec.replicas() == null ? 1 : spec.replicas(), spec.minReadySeconds(), spec.selector(),
        template(spec.template()));
  }

  private static PodTemplateSpec template(PodTemplateSpec template) {
    return template == null || template.spec() == null ? template
        : template.withSpec(PodDefaults.spec(template.spec()));
  }
}
