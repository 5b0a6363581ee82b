package io.coxswain.api.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code apps/v1.ReplicaSetStatus}; replicas is always written. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReplicaSetStatus(Integer replicas, Integer fullyLabeledReplicas, Integer readyReplicas,
    Integer availableReplicas, Long observedGeneration, List<ReplicaSetCondition> conditions) {
  public ReplicaSetStatus {
    conditions = Collections2.listOrEmpty(conditions);
    // Kubernetes' omitempty counters: a zero is left out (replicas alone is always written), so it
    // is null here and a status read back from the store equals the one written.
    fullyLabeledReplicas = Collections2.nonZero(fullyLabeledReplicas);
    readyReplicas = Collections2.nonZero(readyReplicas);
    availableReplicas = Collections2.nonZero(availableReplicas);
    observedGeneration = Collections2.nonZero(observedGeneration);
  }

  public int replicasOrZero() {
    return replicas == null ? 0 : replicas;
  }

  public int readyOrZero() {
    return readyReplicas == null ? 0 : readyReplicas;
  }

  public int availableOrZero() {
    return availableReplicas == null ? 0 : availableReplicas;
  }
}
