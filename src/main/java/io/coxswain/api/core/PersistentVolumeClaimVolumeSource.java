package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.PersistentVolumeClaimVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PersistentVolumeClaimVolumeSource(String claimName, Boolean readOnly) {}
