package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.LoadBalancerIngress}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LoadBalancerIngress(
    String ip,
    String hostname,
    String ipMode,
    List<PortStatus> ports) {

  public LoadBalancerIngress {
    ports = Collections2.listOrEmpty(ports);
  }
}
