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
  }
}
