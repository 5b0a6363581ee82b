package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.LabelSelector;
import java.util.List;

/** Kubernetes {@code v1.PersistentVolumeClaimSpec}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PersistentVolumeClaimSpec(
    List<String> accessModes,
    TypedLocalObjectReference dataSource,
    TypedObjectReference dataSourceRef,
    VolumeResourceRequirements resources,
    LabelSelector selector,
    String storageClassName,
    String volumeAttributesClassName,
    String volumeMode,
    String volumeName) {

  public PersistentVolumeClaimSpec {
    accessModes = Collections2.listOrEmpty(accessModes);
  }
}
