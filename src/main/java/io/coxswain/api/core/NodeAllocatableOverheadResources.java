package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Quantity;

/** Kubernetes {@code v1.NodeAllocatableOverheadResources}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeAllocatableOverheadResources(
    String name,
    Quantity perContainer,
    Quantity perPod) {}
