package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;

/** Kubernetes {@code v1.Namespace}; status.phase is Active or Terminating. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Namespace(
    String apiVersion, String kind, ObjectMeta metadata, NamespaceSpec spec, NamespaceStatus status)
    implements KubeObject {

  public Namespace {
    apiVersion = apiVersion == null ? "v1" : apiVersion;
    kind = kind == null ? "Namespace" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
  }

  public static Namespace of(String name) {
    return new Namespace("v1", "Namespace", ObjectMeta.named(null, name), null, null);
  }

  @Override
  public Namespace withMetadata(ObjectMeta v) {
    return new Namespace(apiVersion, kind, v, spec, status);
  }

  public Namespace withSpec(NamespaceSpec v) {
    return new Namespace(apiVersion, kind, metadata, v, status);
  }

  public Namespace withStatus(NamespaceStatus v) {
    return new Namespace(apiVersion, kind, metadata, spec, v);
  }
}
