package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.DownwardAPIProjection}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DownwardAPIProjection(
    List<DownwardAPIVolumeFile> items) {

  public DownwardAPIProjection {
    items = Collections2.listOrEmpty(items);
  }
}
