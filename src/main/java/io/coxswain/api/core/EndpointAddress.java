package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.EndpointAddress}; targetRef names the backing pod. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EndpointAddress(String ip, String hostname, String nodeName, ObjectReference targetRef) {}
