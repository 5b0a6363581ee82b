package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.VolumeMount}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record VolumeMount(String name, Boolean readOnly, String mountPath, String subPath, String mountPropagation) {

  public static VolumeMount of(String name, String mountPath) {
    return new VolumeMount(name, null, mountPath, null, null);
  }
}
