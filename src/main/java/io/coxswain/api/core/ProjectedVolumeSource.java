package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.ProjectedVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProjectedVolumeSource(
    Integer defaultMode,
    Long defaultUser,
    List<VolumeProjection> sources) {

  public ProjectedVolumeSource {
    sources = Collections2.listOrEmpty(sources);
  }
}
