package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.DownwardAPIVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DownwardAPIVolumeSource(
    Integer defaultMode,
    Long defaultUser,
    List<DownwardAPIVolumeFile> items) {

  public DownwardAPIVolumeSource {
    items = Collections2.listOrEmpty(items);
  }
}
