package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.GCEPersistentDiskVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GCEPersistentDiskVolumeSource(
    String fsType,
    Integer partition,
    String pdName,
    Boolean readOnly) {}
