package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.AzureDiskVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AzureDiskVolumeSource(
    String kind,
    String cachingMode,
    String diskName,
    String diskURI,
    String fsType,
    Boolean readOnly) {}
