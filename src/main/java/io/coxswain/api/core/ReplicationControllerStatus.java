package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.ReplicationControllerStatus}; replicas is always written. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReplicationControllerStatus(
    Integer replicas,
    Integer fullyLabeledReplicas,
    Integer readyReplicas,
    Integer availableReplicas,
    Long observedGeneration,
    List<ReplicationControllerCondition> conditions) {
  public ReplicationControllerStatus {
    conditions = Collections2.listOrEmpty(conditions);
    // Kubernetes' omitempty counters: a zero is left out (replicas alone is always written), so it
    // is null here and a status read back from the store equals the one written.
    fullyLabeledReplicas = fullyLabeledReplicas == null || fullyLabeledReplicas == 0 ? null : fullyLabeledReplicas;
    readyReplicas = readyReplicas == null || readyReplicas == 0 ? null : readyReplicas;
    availableReplicas = availableReplicas == null || availableReplicas == 0 ? null : availableReplicas;
    observedGeneration = observedGeneration == null || observedGeneration == 0 ? null : observedGeneration;
  }
}
