package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.KeyToPath}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record KeyToPath(
    String key,
    String path,
    Integer mode,
    Long user) {}
