package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.NodeFeatures}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeFeatures(
    Boolean supplementalGroupsPolicy) {}
