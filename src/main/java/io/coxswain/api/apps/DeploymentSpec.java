package io.coxswain.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.LabelSelector;
import io.coxswain.api.core.PodTemplateSpec;

/**
 * Kubernetes {@code apps/v1.DeploymentSpec}. Nullable where Kubernetes has pointers, until
 * defaulting: replicas 1, strategy RollingUpdate 25%/25%, revisionHistoryLimit 10,
 * progressDeadlineSeconds 600.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentSpec(Integer replicas, LabelSelector selector, PodTemplateSpec template,
    DeploymentStrategy strategy, Integer minReadySeconds, Integer revisionHistoryLimit, Boolean paused,
    Integer progressDeadlineSeconds) {

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.replicas = replicas;
    b.selector = selector;
    b.template = template;
    b.strategy = strategy;
    b.minReadySeconds = minReadySeconds;
    b.revisionHistoryLimit = revisionHistoryLimit;
    b.paused = paused;
    b.progressDeadlineSeconds = progressDeadlineSeconds;
    return b;
  }

  public DeploymentSpec withReplicas(Integer v) {
    return toBuilder().replicas(v).build();
  }

  public DeploymentSpec withTemplate(PodTemplateSpec v) {
    return toBuilder().template(v).build();
  }

  /** Builder for the many optional fields. */
  public static final class Builder {
    private Integer replicas;
    private LabelSelector selector;
    private PodTemplateSpec template;
    private DeploymentStrategy strategy;
    private Integer minReadySeconds;
    private Integer revisionHistoryLimit;
    private Boolean paused;
    private Integer progressDeadlineSeconds;

    public Builder replicas(Integer v) {
      replicas = v;
      return this;
    }

    public Builder selector(LabelSelector v) {
      selector = v;
      return this;
    }

    public Builder template(PodTemplateSpec v) {
      template = v;
      return this;
    }

    public Builder strategy(DeploymentStrategy v) {
      strategy = v;
      return this;
    }

    public Builder minReadySeconds(Integer v) {
      minReadySeconds = v;
      return this;
    }

    public Builder revisionHistoryLimit(Integer v) {
      revisionHistoryLimit = v;
      return this;
    }

    public Builder paused(Boolean v) {
      paused = v;
      return this;
    }

    public Builder progressDeadlineSeconds(Integer v) {
      progressDeadlineSeconds = v;
      return this;
    }

    public DeploymentSpec build() {
      return new DeploymentSpec(replicas, selector, template, strategy, minReadySeconds, revisionHistoryLimit, paused,
          progressDeadlineSeconds);
    }
  }
}
