package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.NFSVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NFSVolumeSource(
    String path,
    Boolean readOnly,
    String server) {}
