package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.FileKeySelector}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record FileKeySelector(
    String key,
    Boolean optional,
    String path,
    String volumeName) {}
