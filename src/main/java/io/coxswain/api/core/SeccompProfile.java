package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.SeccompProfile}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SeccompProfile(
    String localhostProfile,
    String type) {}
