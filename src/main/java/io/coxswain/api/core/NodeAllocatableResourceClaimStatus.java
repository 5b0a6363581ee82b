package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.NodeAllocatableResourceClaimStatus}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeAllocatableResourceClaimStatus(
    List<String> containers,
    List<NodeAllocatableMappedResources> mapping,
    List<NodeAllocatableOverheadResources> overhead,
    String resourceClaimName) {

  public NodeAllocatableResourceClaimStatus {
    containers = Collections2.listOrEmpty(containers);
    mapping = Collections2.listOrEmpty(mapping);
    overhead = Collections2.listOrEmpty(overhead);
  }
}
