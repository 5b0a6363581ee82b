package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Kubernetes {@code v1.DaemonEndpoint}. Its one JSON field really is capitalised ("Port"), a
 * historical quirk of the Kubernetes API that clients depend on.
 */
public record DaemonEndpoint(@JsonProperty("Port") Integer port) {}
