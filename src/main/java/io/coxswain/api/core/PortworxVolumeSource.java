package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.PortworxVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PortworxVolumeSource(
    String fsType,
    Boolean readOnly,
    String volumeID) {}
