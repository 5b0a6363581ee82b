package io.coxswain.api;

/**
 * Every API object the server stores: a Kubernetes kind with standard object metadata.
 *
 * <p>Implementations are immutable records whose JSON shape is exactly the Kubernetes v1 shape.
 * {@link #withMetadata} is how the store stamps uid, resourceVersion and timestamps without
 * knowing the concrete kind.
 */
public interface KubeObject {
  String apiVersion();

  String kind();

  ObjectMeta metadata();

  KubeObject withMetadata(ObjectMeta metadata);
}
