package io.coxswain.controller;

import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.KubeObject;
import io.coxswain.store.CacheView;
import io.coxswain.store.ResourceKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Terminating namespace still holds, read from one cache view (pure): the objects not yet
 * being deleted, which the namespace controller deletes with Kubernetes' rules, and whether
 * anything at all is left — objects already marked (a pod stopping on its node, an object held by
 * a finalizer) keep the namespace until they are gone.
 */
record NamespaceCleanup(List<ResourceKey> toDelete, boolean empty) {

  static NamespaceCleanup of(CacheView view, String namespace) {
    List<ResourceKey> toDelete = new ArrayList<>();
    boolean empty = true;
    for (ApiResource resource : ApiResources.all()) {
      if (!resource.namespaced()) {
        continue;
      }
      for (KubeObject object : view.list(resource.name(), namespace, null, 0, o -> true).items()) {
        empty = false;
        if (object.metadata().deletionTimestamp() == null) {
          toDelete.add(new ResourceKey(resource.name(), namespace, object.metadata().name()));
        }
      }
    }
    return new NamespaceCleanup(List.copyOf(toDelete), empty);
  }
}
