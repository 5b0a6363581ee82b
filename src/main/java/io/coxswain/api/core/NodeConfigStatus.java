package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.NodeConfigStatus}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeConfigStatus(
    NodeConfigSource active,
    NodeConfigSource assigned,
    String error,
    NodeConfigSource lastKnownGood) {}
