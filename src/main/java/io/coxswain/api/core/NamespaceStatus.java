package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.NamespaceStatus}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NamespaceStatus(String phase) {}
