package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;

/** Kubernetes {@code v1.Node}: one cluster member that runs pods. Cluster-scoped. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Node(String apiVersion, String kind, ObjectMeta metadata, NodeSpec spec, NodeStatus status)
    implements KubeObject {

  public Node {
    apiVersion = apiVersion == null ? "v1" : apiVersion;
    kind = kind == null ? "Node" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
    spec = spec == null ? new NodeSpec(null, null, null, null, null, null, null, null) : spec;
  }

  public static Node of(ObjectMeta metadata, NodeSpec spec, NodeStatus status) {
    return new Node("v1", "Node", metadata, spec, status);
  }

  @Override
  public Node withMetadata(ObjectMeta v) {
    return new Node(apiVersion, kind, v, spec, status);
  }

  public Node withSpec(NodeSpec v) {
    return new Node(apiVersion, kind, metadata, v, status);
  }

  public Node withStatus(NodeStatus v) {
    return new Node(apiVersion, kind, metadata, spec, v);
  }
}
