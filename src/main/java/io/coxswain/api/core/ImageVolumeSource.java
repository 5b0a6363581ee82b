package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ImageVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ImageVolumeSource(
    String pullPolicy,
    String reference) {}
