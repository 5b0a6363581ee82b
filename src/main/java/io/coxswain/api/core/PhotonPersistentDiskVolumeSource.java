package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.PhotonPersistentDiskVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PhotonPersistentDiskVolumeSource(
    String fsType,
    String pdID) {}
