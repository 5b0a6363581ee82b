package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.AzureFileVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AzureFileVolumeSource(
    Boolean readOnly,
    String secretName,
    String shareName) {}
