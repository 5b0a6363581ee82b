package io.coxswain.api.discovery;

/** Kubernetes {@code discovery.k8s.io/v1.ForZone}: a zone an endpoint should serve. */
public record ForZone(String name) {}
