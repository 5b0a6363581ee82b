package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.EndpointSubset}: addresses that all serve the same ports. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EndpointSubset(
    List<EndpointAddress> addresses, List<EndpointAddress> notReadyAddresses, List<EndpointPort> ports) {

  public EndpointSubset {
    addresses = Collections2.listOrEmpty(addresses);
    notReadyAddresses = Collections2.listOrEmpty(notReadyAddresses);
    ports = Collections2.listOrEmpty(ports);
  }
}
