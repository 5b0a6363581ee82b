package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.ISCSIVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ISCSIVolumeSource(
    Boolean chapAuthDiscovery,
    Boolean chapAuthSession,
    String fsType,
    String initiatorName,
    String iqn,
    String iscsiInterface,
    Integer lun,
    List<String> portals,
    Boolean readOnly,
    LocalObjectReference secretRef,
    String targetPortal) {

  public ISCSIVolumeSource {
    portals = Collections2.listOrEmpty(portals);
  }
}
