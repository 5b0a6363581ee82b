package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.NodeRuntimeHandler}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeRuntimeHandler(
    NodeRuntimeHandlerFeatures features,
    String name) {}
