package io.coxswain.apiserver;

import io.coxswain.store.Deletion;

import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.Defaulting;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Status;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.NamespaceStatus;
import io.coxswain.store.CacheView;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreOp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deleting a namespace: it turns Terminating (new objects are refused), everything in it is
 * deleted, then the namespace itself goes — Kubernetes' namespace lifecycle, done in the
 * background after the request is answered.
 */
final class NamespaceDeletion {
  private static final Logger log = LoggerFactory.getLogger(NamespaceDeletion.class);
  private static final Set<String> PROTECTED = Set.of("default", "kube-system", "kube-public");

  private NamespaceDeletion() {}

  static CompletionStage<KubeObject> delete(StoreClient store, ResourceKey key, Deletion.Options options, Clock clock) {
    if (PROTECTED.contains(key.name())) {
      throw new ApiException(Status.failure(403, "Forbidden", "namespaces \"" + key.name()
          + "\" is forbidden: this namespace may not be deleted", null));
    }
    return store.mutate(key, current -> {
      if (current == null) {
        throw ApiException.notFound("Namespace", "namespaces", key.name());
      }
      if (current.metadata().deletionTimestamp() != null) {
        return null;
      }
      Namespace namespace = (Namespace) current;
      Namespace terminating = namespace
          .withMetadata(namespace.metadata().withDeletion(Defaulting.now(clock), 0L))
          .withStatus(new NamespaceStatus("Terminating"));
      return new StoreOp.Update(key, terminating, current.metadata().resourceVersion());
    }).thenApply(change -> {
      purge(store, key);
      return change.object();
    });
  }

  private static void purge(StoreClient store, ResourceKey namespaceKey) {
    CacheView view = store.cache().view();
    List<CompletableFuture<?>> deletions = new ArrayList<>();
    for (ApiResource resource : ApiResources.all()) {
      if (!resource.namespaced()) {
        continue;
      }
      for (KubeObject object : view.list(resource.name(), namespaceKey.name(), null, 0, o -> true).items()) {
        ResourceKey key = new ResourceKey(resource.name(), namespaceKey.name(), object.metadata().name());
        deletions.add(store.write(new StoreOp.Delete(key, null, null))
            .exceptionally(failure -> null).toCompletableFuture());
      }
    }
    CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new))
        .thenCompose(done -> store.write(new StoreOp.Delete(namespaceKey, null, null)))
        .whenComplete((done, failure) -> {
          if (failure != null) {
            log.warn("namespace={} could not be removed: {}", namespaceKey.name(), failure.toString());
          } else {
            log.info("namespace={} deleted with its {} objects", namespaceKey.name(), deletions.size());
          }
        });
  }
}
