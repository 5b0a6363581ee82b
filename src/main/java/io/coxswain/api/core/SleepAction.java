package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.SleepAction}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SleepAction(
    Long seconds) {}
