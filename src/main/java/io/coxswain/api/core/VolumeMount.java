package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.VolumeMount}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record VolumeMount(
    String name,
    Boolean readOnly,
    String mountPath,
    String subPath,
    String mountPropagation,
    List<String> bindMountOptions,
    String recursiveReadOnly,
    String subPathExpr) {

  public VolumeMount {
    bindMountOptions = Collections2.listOrEmpty(bindMountOptions);
  }


  public static VolumeMount of(String name, String mountPath) {
    return new VolumeMount(name, null, mountPath, null, null, null, null, null);
  }
}
