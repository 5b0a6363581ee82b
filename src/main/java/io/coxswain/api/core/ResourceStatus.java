package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.ResourceStatus}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourceStatus(
    String name,
    List<ResourceHealth> resources) {

  public ResourceStatus {
    resources = Collections2.listOrEmpty(resources);
  }
}
