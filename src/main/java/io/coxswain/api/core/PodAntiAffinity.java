package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.PodAntiAffinity}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodAntiAffinity(
    List<WeightedPodAffinityTerm> preferredDuringSchedulingIgnoredDuringExecution,
    List<PodAffinityTerm> requiredDuringSchedulingIgnoredDuringExecution) {

  public PodAntiAffinity {
    preferredDuringSchedulingIgnoredDuringExecution = Collections2.listOrEmpty(preferredDuringSchedulingIgnoredDuringExecution);
    requiredDuringSchedulingIgnoredDuringExecution = Collections2.listOrEmpty(requiredDuringSchedulingIgnoredDuringExecution);
  }
}
