package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.VolumeMountStatus}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record VolumeMountStatus(
    String mountPath,
    String name,
    Boolean readOnly,
    String recursiveReadOnly,
    VolumeStatus volumeStatus) {}
