package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.Taint}; effect is NoSchedule, PreferNoSchedule or NoExecute. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Taint(String key, String value, String effect, String timeAdded) {}
