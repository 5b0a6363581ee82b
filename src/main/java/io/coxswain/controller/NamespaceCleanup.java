package io.coxswain.controller;

import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.KubeObject;
import io.coxswain.api.core.NamespaceCondition;
import io.coxswain.store.CacheView;
import io.coxswain.store.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a Terminating namespace still holds, read from one cache view (pure): the objects not yet
 * being deleted, which the namespace controller deletes with Kubernetes' rules; how many objects of
 * each resource are left and which finalizers hold them — objects already marked (a pod stopping on
 * its node, an object held by a finalizer) keep the namespace until they are gone.
 *
 * @param remaining objects left, by Kubernetes' group-resource name ("pods", "leases.coordination.k8s.io")
 * @param finalizers objects left holding each finalizer
 */
record NamespaceCleanup(List<ResourceKey> toDelete, Map<String, Integer> remaining, Map<String, Integer> finalizers) {

  static NamespaceCleanup of(CacheView view, String namespace) {
    List<ResourceKey> toDelete = new ArrayList<>();
    Map<String, Integer> remaining = new TreeMap<>();
    Map<String, Integer> finalizers = new TreeMap<>();
    for (ApiResource resource : ApiResources.all()) {
      if (!resource.namespaced()) {
        continue;
      }
      String groupResource = resource.group().isEmpty() ? resource.name() : resource.name() + "." + resource.group();
      for (KubeObject object : view.list(resource.name(), namespace, null, 0, o -> true).items()) {
        remaining.merge(groupResource, 1, Integer::sum);
        object.metadata().finalizersOrEmpty().forEach(f -> finalizers.merge(f, 1, Integer::sum));
        if (object.metadata().deletionTimestamp() == null) {
          toDelete.add(new ResourceKey(resource.name(), namespace, object.metadata().name()));
        }
      }
    }
    return new NamespaceCleanup(List.copyOf(toDelete), Map.copyOf(remaining), Map.copyOf(finalizers));
  }

  boolean empty() {
    return remaining.isEmpty();
  }

  /**
   * The status conditions Kubernetes' namespace controller reports while it empties a namespace,
   * in its words; a condition keeps its transition time while its status does not change.
   */
  List<NamespaceCondition> conditions(List<NamespaceCondition> previous, String now) {
    List<NamespaceCondition> out = new ArrayList<>();
    out.add(condition(previous, now, "NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered",
        "All resources successfully discovered"));
    out.add(condition(previous, now, "NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions",
        "All legacy kube types successfully parsed"));
    out.add(condition(previous, now, "NamespaceDeletionContentFailure", "False", "ContentDeleted",
        "All content successfully deleted, may be waiting on finalization"));
    out.add(remaining.isEmpty()
        ? condition(previous, now, "NamespaceContentRemaining", "False", "ContentRemoved",
            "All content successfully removed")
        : condition(previous, now, "NamespaceContentRemaining", "True", "SomeResourcesRemain",
            "Some resources are remaining: " + counted(remaining, "%s has %d resource instances")));
    out.add(finalizers.isEmpty()
        ? condition(previous, now, "NamespaceFinalizersRemaining", "False", "ContentHasNoFinalizers",
            "All content-preserving finalizers finished")
        : condition(previous, now, "NamespaceFinalizersRemaining", "True", "SomeFinalizersRemain",
            "Some content in the namespace has finalizers remaining: "
                + counted(finalizers, "%s in %d resource instances")));
    return out;
  }

  private static String counted(Map<String, Integer> counts, String format) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(counts).forEach((name, n) -> parts.add(String.format(format, name, n)));
    return String.join(", ", parts);
  }

  private static NamespaceCondition condition(List<NamespaceCondition> previous, String now, String type,
      String status, String reason, String message) {
    String since = now;
    for (NamespaceCondition c : previous) {
      if (type.equals(c.type()) && status.equals(c.status()) && c.lastTransitionTime() != null) {
        since = c.lastTransitionTime();
      }
    }
    return new NamespaceCondition(since, message, reason, status, type);
  }
}
