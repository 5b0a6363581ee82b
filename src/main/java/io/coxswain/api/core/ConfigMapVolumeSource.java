package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.ConfigMapVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ConfigMapVolumeSource(
    String name,
    List<KeyToPath> items,
    Integer defaultMode,
    Boolean optional,
    Long defaultUser) {
  public ConfigMapVolumeSource {
    items = Collections2.listOrEmpty(items);
  }
}
