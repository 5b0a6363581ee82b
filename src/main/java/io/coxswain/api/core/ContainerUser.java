package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ContainerUser}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerUser(
    LinuxContainerUser linux) {}
