package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;

/**
 * Kubernetes {@code v1.Binding}: posted to {@code pods/binding} by the scheduler to set a pod's
 * node. Not stored; applying it sets {@code spec.nodeName}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Binding(String apiVersion, String kind, ObjectMeta metadata, ObjectReference target)
    implements KubeObject {

  public Binding {
    apiVersion = apiVersion == null ? "v1" : apiVersion;
    kind = kind == null ? "Binding" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
  }

  public static Binding of(String namespace, String podName, String nodeName) {
    return new Binding("v1", "Binding", ObjectMeta.named(namespace, podName),
        ObjectReference.of("Node", null, nodeName));
  }

  @Override
  public Binding withMetadata(ObjectMeta v) {
    return new Binding(apiVersion, kind, v, target);
  }
}
