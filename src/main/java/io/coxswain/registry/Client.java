package io.coxswain.registry;

import io.coxswain.api.KubeObject;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The typed client every writer uses: in-process on a member ({@link LocalClient}, straight into
 * the {@link Registry}), over HTTP for tools and tests ({@link RestClient}, through the API
 * server, which is the same registry). Failures are {@link io.coxswain.api.ApiException}s with
 * Kubernetes' codes: 404 gone, 409 conflict or already exists, 422 invalid.
 */
public interface Client {
  /** Creates the object (its namespace from its metadata); answers it as stored. */
  <T extends KubeObject> CompletionStage<T> create(T object);

  /**
   * Read-modify-write through the main resource: {@code change} gets the stored object and
   * answers the wanted one, or null for no change. A concurrent write makes it 409.
   */
  <T extends KubeObject> CompletionStage<T> update(ResourceKey key, Class<T> type, UnaryOperator<T> change);

  /** As {@link #update}, through the status subresource: only the status is written. */
  <T extends KubeObject> CompletionStage<T> updateStatus(ResourceKey key, Class<T> type, UnaryOperator<T> change);

  /**
   * {@code PUT namespaces/NAME/finalize}: the namespace's spec.finalizers as {@code change} sets
   * them; a Terminating namespace left without finalizers is removed.
   */
  CompletionStage<KubeObject> finalizeNamespace(String name, UnaryOperator<io.coxswain.api.core.Namespace> change);

  /** Deletes with Kubernetes' rules (finalizers, grace period, propagation policy). */
  CompletionStage<KubeObject> delete(ResourceKey key, Deletion.Options options);

  /** Removes an object whose graceful deletion is done (grace 0, the uid as precondition). */
  CompletionStage<KubeObject> finishDeletion(ResourceKey key, String uid);

  /** Assigns a pod to a node ({@code pods/binding}), once. */
  CompletionStage<KubeObject> bind(ResourceKey key, String uid, String node);

  /** The object at {@code key}, if any. */
  <T extends KubeObject> CompletionStage<Optional<T>> get(ResourceKey key, Class<T> type);
}
