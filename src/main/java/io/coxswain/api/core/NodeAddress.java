package io.coxswain.api.core;

/** Kubernetes {@code v1.NodeAddress}; type is InternalIP, ExternalIP or Hostname. */
public record NodeAddress(String type, String address) {}
