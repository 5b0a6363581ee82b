package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.FlockerVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FlockerVolumeSource(
    String datasetName,
    String datasetUUID) {}
