package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.PodResourceClaimStatus}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodResourceClaimStatus(
    String name,
    String resourceClaimName) {}
