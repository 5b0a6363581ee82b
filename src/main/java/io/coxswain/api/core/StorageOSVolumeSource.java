package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.StorageOSVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record StorageOSVolumeSource(
    String fsType,
    Boolean readOnly,
    LocalObjectReference secretRef,
    String volumeName,
    String volumeNamespace) {}
