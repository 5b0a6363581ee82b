package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.PodDNSConfigOption}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodDNSConfigOption(
    String name,
    String value) {}
