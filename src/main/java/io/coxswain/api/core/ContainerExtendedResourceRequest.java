package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ContainerExtendedResourceRequest}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerExtendedResourceRequest(
    String containerName,
    String requestName,
    String resourceName) {}
