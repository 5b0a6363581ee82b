package io.coxswain.api.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Kubernetes {@code discovery.k8s.io/v1.EndpointConditions}. {@code ready}: the endpoint should
 * get new traffic (serving and not terminating). {@code serving}: it passes readiness, whether or
 * not it is terminating. {@code terminating}: its pod is being deleted. Null means unknown, which
 * consumers read as ready for {@code ready}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointConditions(Boolean ready, Boolean serving, Boolean terminating) {}
