package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Quantity;

/** Kubernetes {@code v1.ResourceFieldSelector}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourceFieldSelector(
    String containerName,
    Quantity divisor,
    String resource) {}
