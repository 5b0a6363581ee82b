package io.coxswain.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/**
 * Kubernetes {@code apps/v1.DeploymentStatus}, as the deployment controller writes it and kubectl
 * rollout status reads it: counts over all the Deployment's ReplicaSets ({@code updatedReplicas}
 * over the newest only) and the Available and Progressing conditions. A counter that is zero is
 * null (absent in JSON, as Kubernetes' omitempty leaves it out); read them with a zero default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentStatus(Long observedGeneration, Integer replicas, Integer updatedReplicas,
    Integer readyReplicas, Integer availableReplicas, Integer unavailableReplicas,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DeploymentCondition> conditions, Integer collisionCount) {
  static final DeploymentStatus EMPTY = new DeploymentStatus(null, null, null, null, null, null, null, null);

  public DeploymentStatus {
    conditions = Collections2.listOrEmpty(conditions);
    // Kubernetes' counters are omitempty: a zero is left out of the JSON, so it is null here too,
    // and a status read back from the store equals the one that was written.
    observedGeneration = Collections2.nonZero(observedGeneration);
    replicas = Collections2.nonZero(replicas);
    updatedReplicas = Collections2.nonZero(updatedReplicas);
    readyReplicas = Collections2.nonZero(readyReplicas);
    availableReplicas = Collections2.nonZero(availableReplicas);
    unavailableReplicas = Collections2.nonZero(unavailableReplicas);
  }

  /** The condition of this type, or null. */
  public DeploymentCondition condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.type())).findFirst().orElse(null);
  }
}
