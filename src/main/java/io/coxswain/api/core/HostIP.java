package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.HostIP}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HostIP(
    String ip) {}
