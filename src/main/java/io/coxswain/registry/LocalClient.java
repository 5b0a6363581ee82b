package io.coxswain.registry;

import io.coxswain.api.ApiResources;
import io.coxswain.api.KubeObject;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The in-process {@link Client} of a member's controllers, scheduler and node agent: writes go
 * through the member's {@link Registry}; reads come from its watch cache.
 */
public final class LocalClient implements Client {
  private final Registry registry;

  public LocalClient(Registry registry) {
    this.registry = registry;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends KubeObject> CompletionStage<T> create(T object) {
    return registry.create(ApiResources.byKind(object.kind()).orElseThrow(), object.metadata().namespace(), object,
        false).thenApply(created -> (T) created);
  }

  @Override
  public <T extends KubeObject> CompletionStage<T> update(ResourceKey key, Class<T> type, UnaryOperator<T> change) {
    return registry.update(key, current -> change.apply(type.cast(current)), false, false).thenApply(type::cast);
  }

  @Override
  public <T extends KubeObject> CompletionStage<T> updateStatus(ResourceKey key, Class<T> type,
      UnaryOperator<T> change) {
    return registry.update(key, current -> change.apply(type.cast(current)), true, false).thenApply(type::cast);
  }

  @Override
  public CompletionStage<KubeObject> finalizeNamespace(String name,
      UnaryOperator<io.coxswain.api.core.Namespace> change) {
    return registry.update(ResourceKey.clusterScoped("namespaces", name),
        current -> change.apply((io.coxswain.api.core.Namespace) current), "finalize", false);
  }

  @Override
  public CompletionStage<KubeObject> delete(ResourceKey key, Deletion.Options options) {
    return registry.delete(key, options, false);
  }

  @Override
  public CompletionStage<KubeObject> finishDeletion(ResourceKey key, String uid) {
    return registry.finishDeletion(key, uid);
  }

  @Override
  public CompletionStage<KubeObject> bind(ResourceKey key, String uid, String node) {
    return registry.bind(key, uid, node);
  }

  @Override
  public <T extends KubeObject> CompletionStage<Optional<T>> get(ResourceKey key, Class<T> type) {
    return CompletableFuture.completedFuture(Optional.ofNullable(registry.store().cache().view().get(key))
        .map(type::cast));
  }
}
