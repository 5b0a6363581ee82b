package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ServiceStatus}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceStatus(LoadBalancerStatus loadBalancer) {}
