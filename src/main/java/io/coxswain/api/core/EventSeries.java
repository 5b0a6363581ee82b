package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.EventSeries}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EventSeries(
    Integer count,
    String lastObservedTime) {}
