package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.HostPathVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HostPathVolumeSource(String path, String type) {}
