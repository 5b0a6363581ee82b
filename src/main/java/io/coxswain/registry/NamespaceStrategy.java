package io.coxswain.registry;

import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.Defaulting;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Status;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.NamespaceSpec;
import io.coxswain.api.core.NamespaceStatus;
import java.util.List;
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

  /** Kubernetes' own finalizer: the namespace controller removes it once the namespace is empty. */
  static final String KUBERNETES_FINALIZER = "kubernetes";

  @Override
  public KubeObject prepareForCreate(KubeObject object, String namespaceFromPath, Clock clock,
      java.util.Random random) {
    Namespace ns = (Namespace) Strategy.super.prepareForCreate(object, namespaceFromPath, clock, random);
    List<String> finalizers = ns.spec() == null ? List.of() : ns.spec().finalizers();
    if (finalizers.contains(KUBERNETES_FINALIZER)) {
      return ns;
    }
    List<String> with = new java.util.ArrayList<>(finalizers);
    with.add(KUBERNETES_FINALIZER);
    return ns.withSpec(new NamespaceSpec(with));
  }

  /** spec.finalizers change only through {@code namespaces/NAME/finalize}, as in Kubernetes. */
  @Override
  public KubeObject prepareForUpdate(KubeObject current, KubeObject updated) {
    Namespace next = (Namespace) Strategy.super.prepareForUpdate(current, updated);
    return next.withSpec(((Namespace) current).spec());
  }

  /** {@code PUT namespaces/NAME/finalize}: only spec.finalizers from the body. */
  @Override
  public KubeObject prepareForSubresourceUpdate(String subresource, KubeObject current, KubeObject updated) {
    if (!"finalize".equals(subresource)) {
      return Strategy.super.prepareForSubresourceUpdate(subresource, current, updated);
    }
    Namespace wanted = (Namespace) updated;
    return ((Namespace) current).withSpec(wanted.spec() == null ? new NamespaceSpec(null) : wanted.spec());
  }

  /** A Terminating namespace goes when both its metadata finalizers and its spec finalizers are gone. */
  @Override
  public boolean deletionFinished(KubeObject next) {
    Namespace ns = (Namespace) next;
    return Strategy.super.deletionFinished(next) && (ns.spec() == null || ns.spec().finalizers().isEmpty());
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
