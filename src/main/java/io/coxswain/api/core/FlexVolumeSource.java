package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.Map;

/** Kubernetes {@code v1.FlexVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FlexVolumeSource(
    String driver,
    String fsType,
    Map<String, String> options,
    Boolean readOnly,
    LocalObjectReference secretRef) {

  public FlexVolumeSource {
    options = Collections2.mapOrEmpty(options);
  }
}
