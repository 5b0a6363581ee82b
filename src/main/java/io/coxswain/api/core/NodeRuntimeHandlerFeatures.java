package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.NodeRuntimeHandlerFeatures}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeRuntimeHandlerFeatures(
    Boolean recursiveReadOnlyMounts,
    Boolean userNamespaces) {}
