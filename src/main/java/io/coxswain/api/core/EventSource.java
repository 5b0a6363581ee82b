package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.EventSource}: which component on which host reported an event. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EventSource(String component, String host) {}
