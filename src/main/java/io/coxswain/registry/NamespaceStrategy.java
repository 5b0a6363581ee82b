package io.coxswain.registry;

import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.Defaulting;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Status;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.NamespaceStatus;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreOp;
import java.time.Clock;
import java.util.Set;

/**
 * Namespaces: deleting one only marks it Terminating (new objects in it are refused from that
 * revision on); emptying and removing it is the namespace controller's, as in Kubernetes. The
 * system namespaces cannot be deleted.
 */
final class NamespaceStrategy implements Strategy {
  private static final Set<String> PROTECTED = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

  @Override
  public ApiResource resource() {
    return ApiResources.NAMESPACES;
  }

  @Override
  public void checkDelete(ResourceKey key) {
    if (PROTECTED.contains(key.name())) {
      throw new ApiException(Status.failure(403, "Forbidden", "namespaces \"" + key.name()
          + "\" is forbidden: this namespace may not be deleted", null));
    }
  }

  @Override
  public StoreOp delete(ResourceKey key, KubeObject current, Deletion.Options options, Clock clock) {
    if (current.metadata().deletionTimestamp() != null) {
      return null;
    }
    Namespace namespace = (Namespace) current;
    Namespace terminating = namespace
        .withMetadata(namespace.metadata().withDeletion(Defaulting.now(clock), 0L))
        .withStatus(new NamespaceStatus("Terminating", null));
    return new StoreOp.Update(key, terminating, current.metadata().resourceVersion());
  }
}
