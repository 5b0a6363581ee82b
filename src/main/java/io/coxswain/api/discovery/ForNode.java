package io.coxswain.api.discovery;

/** Kubernetes {@code discovery.k8s.io/v1.ForNode}: a node an endpoint should serve. */
public record ForNode(String name) {}
