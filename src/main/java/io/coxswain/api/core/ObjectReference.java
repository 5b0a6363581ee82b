package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ObjectReference}: points at another object (event subject, binding target). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ObjectReference(
    String kind,
    String namespace,
    String name,
    String uid,
    String apiVersion,
    String resourceVersion,
    String fieldPath) {

  public static ObjectReference of(String kind, String namespace, String name) {
    return new ObjectReference(kind, namespace, name, null, null, null, null);
  }
}
