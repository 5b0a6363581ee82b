package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.AttachedVolume}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AttachedVolume(
    String devicePath,
    String name) {}
