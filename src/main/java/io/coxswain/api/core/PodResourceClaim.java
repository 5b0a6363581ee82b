package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.PodResourceClaim}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodResourceClaim(
    String name,
    String resourceClaimName,
    String resourceClaimTemplateName) {}
