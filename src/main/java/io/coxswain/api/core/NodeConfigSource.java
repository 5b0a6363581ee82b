package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.NodeConfigSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeConfigSource(
    ConfigMapNodeConfigSource configMap) {}
