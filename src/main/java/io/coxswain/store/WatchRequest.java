package io.coxswain.store;

import io.coxswain.api.KubeObject;
import java.util.function.Predicate;

/**
 * What a watcher wants: one resource, one namespace (null for all), the objects {@code filter}
 * accepts, every change after {@code fromRevision} (0 = the current objects as ADDED, then
 * changes), and whether to receive periodic BOOKMARK events. A pod watch whose filter accepts
 * only pods bound to one node names that node in {@code podNode}: the cache then offers it only
 * the changes of that node's pods (Kubernetes' watch-cache trigger), instead of every change.
 */
public record WatchRequest(
    String resource, String namespace, Predicate<KubeObject> filter, long fromRevision, boolean bookmarks,
    String podNode) {

  public WatchRequest(String resource, String namespace, Predicate<KubeObject> filter, long fromRevision,
      boolean bookmarks) {
    this(resource, namespace, filter, fromRevision, bookmarks, null);
  }

  boolean covers(ResourceKey key) {
    return key.resource().equals(resource) && (namespace == null || namespace.equals(key.namespace()));
  }
}
