package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.CinderVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CinderVolumeSource(
    String fsType,
    Boolean readOnly,
    LocalObjectReference secretRef,
    String volumeID) {}
