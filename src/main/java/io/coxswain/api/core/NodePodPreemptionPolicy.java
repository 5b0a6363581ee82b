package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.NodePodPreemptionPolicy}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodePodPreemptionPolicy(
    List<String> disableResizePreemption) {

  public NodePodPreemptionPolicy {
    disableResizePreemption = Collections2.listOrEmpty(disableResizePreemption);
  }
}
