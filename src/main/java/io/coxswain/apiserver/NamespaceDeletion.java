package io.coxswain.apiserver;

import io.coxswain.api.ApiException;
import io.coxswain.api.Defaulting;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Status;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.NamespaceStatus;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreOp;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Deleting a namespace, the API server's part: the namespace turns Terminating (new objects in it
 * are refused from that revision on) and the request is answered with it. Emptying and removing
 * it is the namespace controller's, as in Kubernetes.
 */
final class NamespaceDeletion {
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
    }).thenApply(change -> change.object());
  }
}
