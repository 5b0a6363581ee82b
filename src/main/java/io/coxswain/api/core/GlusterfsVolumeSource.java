package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.GlusterfsVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GlusterfsVolumeSource(
    String endpoints,
    String path,
    Boolean readOnly) {}
