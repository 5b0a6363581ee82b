package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Quantity;

/** Kubernetes {@code v1.NodeAllocatableMappedResources}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeAllocatableMappedResources(
    String name,
    Quantity quantity) {}
