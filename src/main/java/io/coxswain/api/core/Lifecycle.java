package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.Lifecycle}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Lifecycle(
    LifecycleHandler postStart,
    LifecycleHandler preStop,
    String stopSignal) {}
