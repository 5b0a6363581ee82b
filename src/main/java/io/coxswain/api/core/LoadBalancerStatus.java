package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.LoadBalancerStatus}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LoadBalancerStatus(List<LoadBalancerIngress> ingress) {
  public LoadBalancerStatus {
    ingress = Collections2.listOrEmpty(ingress);
  }
}
