package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ConfigMapNodeConfigSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ConfigMapNodeConfigSource(
    String kubeletConfigKey,
    String name,
    String namespace,
    String resourceVersion,
    String uid) {}
