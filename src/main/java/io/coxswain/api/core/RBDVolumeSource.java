package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.RBDVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RBDVolumeSource(
    String fsType,
    String image,
    String keyring,
    List<String> monitors,
    String pool,
    Boolean readOnly,
    LocalObjectReference secretRef,
    String user) {

  public RBDVolumeSource {
    monitors = Collections2.listOrEmpty(monitors);
  }
}
