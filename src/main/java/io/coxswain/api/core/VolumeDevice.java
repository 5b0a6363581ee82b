package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.VolumeDevice}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record VolumeDevice(
    String devicePath,
    String name) {}
