package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.SELinuxOptions}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SELinuxOptions(
    String level,
    String role,
    String type,
    String user) {}
