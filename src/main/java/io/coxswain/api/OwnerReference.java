package io.coxswain.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code metav1.OwnerReference}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OwnerReference(
    String apiVersion, String kind, String name, String uid, Boolean controller, Boolean blockOwnerDeletion) {}
