package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.AppArmorProfile}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AppArmorProfile(
    String localhostProfile,
    String type) {}
