package io.coxswain.api.core;

/** Kubernetes {@code v1.HTTPHeader}. */
public record HTTPHeader(String name, String value) {}
