package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.PodExtendedResourceClaimStatus}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodExtendedResourceClaimStatus(
    List<ContainerExtendedResourceRequest> requestMappings,
    String resourceClaimName) {

  public PodExtendedResourceClaimStatus {
    requestMappings = Collections2.listOrEmpty(requestMappings);
  }
}
