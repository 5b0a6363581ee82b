package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.PreferredSchedulingTerm}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PreferredSchedulingTerm(
    NodeSelectorTerm preference,
    Integer weight) {}
