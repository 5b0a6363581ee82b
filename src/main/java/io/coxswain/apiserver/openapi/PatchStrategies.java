package io.coxswain.apiserver.openapi;

import java.util.Map;

/**
 * The strategic-merge metadata of list fields ({@code patchStrategy}/{@code patchMergeKey} tags of
 * the Kubernetes Go types). kubectl apply reads them from the OpenAPI document to merge lists by key
 * instead of replacing them; lists not named here are replaced, as in Kubernetes.
 */
final class PatchStrategies {
  private PatchStrategies() {}

  /** A merge key, or null for a list of scalars merged as a set. */
  record Strategy(String mergeKey, String strategy) {}

  private static final Map<String, Strategy> BY_FIELD = Map.ofEntries(
      Map.entry("PodSpec.containers", merge("name")),
      Map.entry("PodSpec.initContainers", merge("name")),
      Map.entry("PodSpec.volumes", new Strategy("name", "merge,retainKeys")),
      Map.entry("Container.ports", merge("containerPort")),
      Map.entry("Container.env", merge("name")),
      Map.entry("Container.volumeMounts", merge("mountPath")),
      Map.entry("PodStatus.conditions", merge("type")),
      Map.entry("PodStatus.podIPs", merge("ip")),
      Map.entry("PodStatus.hostIPs", merge("ip")),
      Map.entry("ReplicationControllerStatus.conditions", merge("type")),
      Map.entry("ReplicaSetStatus.conditions", merge("type")),
      Map.entry("DeploymentStatus.conditions", merge("type")),
      // kubectl apply sends $retainKeys for it, so RollingUpdate -> Recreate drops rollingUpdate.
      Map.entry("DeploymentSpec.strategy", new Strategy(null, "retainKeys")),
      Map.entry("ServiceSpec.ports", merge("port")),
      Map.entry("NodeSpec.podCIDRs", new Strategy(null, "merge")),
      Map.entry("NodeStatus.conditions", merge("type")),
      Map.entry("NodeStatus.addresses", merge("type")),
      Map.entry("NamespaceStatus.conditions", merge("type")),
      Map.entry("ObjectMeta.finalizers", new Strategy(null, "merge")),
      Map.entry("ObjectMeta.ownerReferences", merge("uid")));

  private static Strategy merge(String key) {
    return new Strategy(key, "merge");
  }

  static Strategy of(Class<?> owner, String field) {
    return BY_FIELD.get(owner.getSimpleName() + "." + field);
  }
}
