package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ObjectFieldSelector}, e.g. {@code fieldPath: status.podIP}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ObjectFieldSelector(String apiVersion, String fieldPath) {}
