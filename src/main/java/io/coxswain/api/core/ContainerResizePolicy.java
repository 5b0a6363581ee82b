package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ContainerResizePolicy}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerResizePolicy(
    String resourceName,
    String restartPolicy) {}
