package io.coxswain.store;

import io.coxswain.api.KubeObject;
import java.util.function.Predicate;

/**
 * What a watcher wants: one resource, one namespace (null for all), the objects {@code filter}
 * accepts, every change after {@code fromRevision} (0 = the current objects as ADDED, then
 * changes), and whether to receive periodic BOOKMARK events.
 */
public record WatchRequest(
    String resource, String namespace, Predicate<KubeObject> filter, long fromRevision, boolean bookmarks) {

  boolean covers(ResourceKey key) {
    return key.resource().equals(resource) && (namespace == null || namespace.equals(key.namespace()));
  }
}
