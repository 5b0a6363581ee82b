package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ScaleIOVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ScaleIOVolumeSource(
    String fsType,
    String gateway,
    String protectionDomain,
    Boolean readOnly,
    LocalObjectReference secretRef,
    Boolean sslEnabled,
    String storageMode,
    String storagePool,
    String system,
    String volumeName) {}
