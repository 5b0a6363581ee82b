package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Pod;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreOp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The garbage collector's part in deleting a controller with propagationPolicy Orphan or
 * Foreground: release the dependents (Orphan) or delete them and wait until they are gone
 * (Foreground), then drop the finalizer — after which the controller itself is removed.
 */
final class CascadingDeletion {
  private CascadingDeletion() {}

  static List<java.util.concurrent.CompletableFuture<?>> step(StoreClient store, KubeObject owner, List<Pod> pods,
      Clock clock) {
    List<String> finalizers = owner.metadata().finalizersOrEmpty();
    String uid = owner.metadata().uid();
    List<Pod> dependents = pods.stream().filter(p -> uid.equals(Owners.controllerUid(p))).toList();
    List<java.util.concurrent.CompletableFuture<?>> writes = new ArrayList<>();
    if (finalizers.contains(Deletion.ORPHAN_FINALIZER)) {
      for (Pod pod : dependents) {
        ResourceKey key = new ResourceKey("pods", pod.metadata().namespace(), pod.metadata().name());
        writes.add(store.mutate(key, current -> current == null ? null
            : new StoreOp.Update(key, Owners.release(current, uid), current.metadata().resourceVersion()))
            .toCompletableFuture());
      }
      if (dependents.isEmpty()) {
        writes.add(dropFinalizer(store, owner, Deletion.ORPHAN_FINALIZER));
      }
    } else if (finalizers.contains(Deletion.FOREGROUND_FINALIZER)) {
      for (Pod pod : dependents) {
        if (pod.metadata().deletionTimestamp() == null) {
          ResourceKey key = new ResourceKey("pods", pod.metadata().namespace(), pod.metadata().name());
          writes.add(store.mutate(key, current -> current == null ? null
              : Deletion.decide(key, current, Deletion.Options.DEFAULT, clock)).toCompletableFuture());
        }
      }
      if (dependents.isEmpty()) {
        writes.add(dropFinalizer(store, owner, Deletion.FOREGROUND_FINALIZER));
      }
    }
    return writes;
  }

  private static java.util.concurrent.CompletableFuture<?> dropFinalizer(StoreClient store, KubeObject owner,
      String finalizer) {
    ResourceKey key = new ResourceKey("replicationcontrollers", owner.metadata().namespace(), owner.metadata().name());
    return store.mutate(key, current -> {
      if (current == null || !current.metadata().uid().equals(owner.metadata().uid())) {
        return null;
      }
      List<String> rest = current.metadata().finalizersOrEmpty().stream().filter(f -> !f.equals(finalizer)).toList();
      KubeObject next = current.withMetadata(current.metadata().withFinalizers(rest.isEmpty() ? null : rest));
      return Deletion.afterUpdate(key, next, current.metadata().resourceVersion());
    }).toCompletableFuture();
  }
}
