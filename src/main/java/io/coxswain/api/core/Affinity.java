package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.Affinity}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Affinity(
    NodeAffinity nodeAffinity,
    PodAffinity podAffinity,
    PodAntiAffinity podAntiAffinity) {}
