package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.EndpointPort}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EndpointPort(String name, Integer port, String protocol, String appProtocol) {}
