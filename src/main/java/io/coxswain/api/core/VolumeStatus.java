package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.VolumeStatus}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record VolumeStatus(
    ImageVolumeStatus image) {}
