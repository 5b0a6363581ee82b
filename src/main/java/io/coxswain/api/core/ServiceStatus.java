package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.Condition;
import java.util.List;

/** Kubernetes {@code v1.ServiceStatus}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceStatus(
    LoadBalancerStatus loadBalancer,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Condition> conditions) {

  public ServiceStatus {
    conditions = Collections2.listOrEmpty(conditions);
  }
}
