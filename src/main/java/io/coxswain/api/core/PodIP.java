package io.coxswain.api.core;

/** Kubernetes {@code v1.PodIP} / {@code v1.HostIP}: one address of a dual-stack list. */
public record PodIP(String ip) {}
