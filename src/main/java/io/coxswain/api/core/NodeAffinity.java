package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.NodeAffinity}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeAffinity(
    List<PreferredSchedulingTerm> preferredDuringSchedulingIgnoredDuringExecution,
    NodeSelector requiredDuringSchedulingIgnoredDuringExecution) {

  public NodeAffinity {
    preferredDuringSchedulingIgnoredDuringExecution = Collections2.listOrEmpty(preferredDuringSchedulingIgnoredDuringExecution);
  }
}
