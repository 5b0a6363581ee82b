package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.VolumeHealthCondition}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record VolumeHealthCondition(
    String message,
    String reason,
    String status) {}
