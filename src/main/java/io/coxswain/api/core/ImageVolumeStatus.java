package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ImageVolumeStatus}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageVolumeStatus(
    String imageRef) {}
