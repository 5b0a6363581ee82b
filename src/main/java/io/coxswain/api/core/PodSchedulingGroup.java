package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.PodSchedulingGroup}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodSchedulingGroup(
    String podGroupName) {}
