package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.PodVolumeHealth}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodVolumeHealth(
    List<VolumeHealthCondition> healthConditions,
    String lastTransitionTime,
    String name) {

  public PodVolumeHealth {
    healthConditions = Collections2.listOrEmpty(healthConditions);
  }
}
