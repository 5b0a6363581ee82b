package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.ObjectMeta;

/** Kubernetes {@code v1.PersistentVolumeClaimTemplate}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PersistentVolumeClaimTemplate(
    ObjectMeta metadata,
    PersistentVolumeClaimSpec spec) {}
