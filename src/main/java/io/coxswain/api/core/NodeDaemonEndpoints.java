package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.NodeDaemonEndpoints}: where the node agent listens. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeDaemonEndpoints(DaemonEndpoint kubeletEndpoint) {}
