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
    fullyLabeledReplicas = Collections2.nonZero(fullyLabeledReplicas);
    readyReplicas = Collections2.nonZero(readyReplicas);
    availableReplicas = Collections2.nonZero(availableReplicas);
    observedGeneration = Collections2.nonZero(observedGeneration);
  }
}
