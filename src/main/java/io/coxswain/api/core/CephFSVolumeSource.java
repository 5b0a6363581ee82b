package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.CephFSVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CephFSVolumeSource(
    List<String> monitors,
    String path,
    Boolean readOnly,
    String secretFile,
    LocalObjectReference secretRef,
    String user) {

  public CephFSVolumeSource {
    monitors = Collections2.listOrEmpty(monitors);
  }
}
