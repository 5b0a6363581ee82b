package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.EphemeralVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EphemeralVolumeSource(
    PersistentVolumeClaimTemplate volumeClaimTemplate) {}
