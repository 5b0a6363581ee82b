package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.LoadBalancerIngress}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LoadBalancerIngress(String ip, String hostname) {}
