package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.Map;

/** Kubernetes {@code v1.CSIVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CSIVolumeSource(
    String driver,
    String fsType,
    LocalObjectReference nodePublishSecretRef,
    Boolean readOnly,
    Map<String, String> volumeAttributes) {

  public CSIVolumeSource {
    volumeAttributes = Collections2.mapOrEmpty(volumeAttributes);
  }
}
