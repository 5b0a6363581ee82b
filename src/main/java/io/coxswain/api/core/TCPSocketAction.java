package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.TCPSocketAction}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TCPSocketAction(IntOrString port, String host) {}
