package io.coxswain.controller;

import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.KubeObject;
import io.coxswain.api.OwnerReference;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.controller.kit.Writes;
import io.coxswain.store.CacheView;
import io.coxswain.store.Deletion;
import io.coxswain.store.Indexes;
import io.coxswain.store.ResourceKey;
import io.coxswain.registry.Client;
import io.coxswain.registry.Registry;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' garbage collector (a cluster singleton on the {@link Controller} kit), for every
 * kind and any chain of owners, keyed by object. Its graph is the cache's owner index
 * ({@link Indexes#OWNER}: dependents by owner uid). It does three things:
 *
 * <ul>
 *   <li><b>Background</b>: an object whose owners are all gone is deleted (in the background);
 *       one with some owners gone loses the references to them.</li>
 *   <li><b>Orphan</b>: an owner being deleted with the {@code orphan} finalizer has its
 *       references removed from its dependents, then loses the finalizer (and is removed).</li>
 *   <li><b>Foreground</b>: an owner being deleted with the {@code foregroundDeletion} finalizer
 *       has its dependents deleted — in the foreground themselves when they have dependents, so a
 *       chain empties from the bottom — and loses the finalizer once no dependent with
 *       {@code blockOwnerDeletion} is left.</li>
 * </ul>
 *
 * <p>Each step is a write that the next step reads back from the cache, so a collector that dies
 * mid-cascade leaves a state its successor (on another member) simply continues from: its resync
 * queues every object still carrying a deletion finalizer or a reference to an owner that is gone.
 * An owner reference to a kind Coxswain does not serve is left alone, as Kubernetes leaves one it
 * cannot resolve.
 */
public final class GarbageCollector {
  private static final Logger log = LoggerFactory.getLogger(GarbageCollector.class);

  private final Client client;

  private GarbageCollector(Client client) {
    this.client = client;
  }

  public static Behavior<Controller.Command> create(WatchCache cache, Client client, Duration resync, Clock clock) {
    GarbageCollector collector = new GarbageCollector(client);
    List<Informer<?, ResourceKey>> informers = new ArrayList<>();
    for (ApiResource resource : ApiResources.all()) {
      informers.add(Informer.of(resource.name(), KubeObject.class, GarbageCollector::changed));
    }
    return Controller.create(Controller.Settings.of("garbage-collector", resync).withWorkers(8), cache,
        Controller.Reconciler.of(collector::reconcile, GarbageCollector::pending), informers, clock);
  }

  /** What a change may have left for the collector: the object itself, its dependents, its owners. */
  static void changed(KubeObject before, KubeObject after, CacheView view, Consumer<ResourceKey> enqueue) {
    if (after == null) {
      // Gone: its dependents may now be orphans (or garbage); an owner in foreground deletion may be done.
      for (KubeObject dependent : view.indexed(Indexes.OWNER, before.metadata().uid())) {
        enqueue.accept(Registry.keyOf(dependent));
      }
      ownersOf(before).forEach(enqueue);
      return;
    }
    if (after.metadata().deletionTimestamp() != null && hasCascadeFinalizer(after)) {
      enqueue.accept(Registry.keyOf(after));
    }
    List<OwnerReference> refs = after.metadata().ownerReferences();
    if (refs != null && !refs.isEmpty()
        && (before == null || !Objects.equals(before.metadata().ownerReferences(), refs))
        && !ownerStates(view, after).absent().isEmpty()) {
      // New or changed references to an owner that is not there (a pod its RC just created finds
      // its owner at once: nothing to queue).
      enqueue.accept(Registry.keyOf(after));
    }
    if (before != null && before.metadata().ownerReferences() != null
        && !Objects.equals(before.metadata().ownerReferences(), refs)) {
      ownersOf(before).forEach(enqueue); // released by an owner being orphaned or in foreground deletion
    }
    if (after.metadata().deletionTimestamp() != null && before != null && before.metadata().deletionTimestamp() == null) {
      ownersOf(after).forEach(enqueue);
    }
  }

  /** Every object the collector has something to do for (its start and resync; no writes). */
  static List<ResourceKey> pending(CacheView view) {
    List<ResourceKey> keys = new ArrayList<>();
    for (ApiResource resource : ApiResources.all()) {
      for (KubeObject object : view.list(resource.name(), null, null, 0, o -> true).items()) {
        if ((object.metadata().deletionTimestamp() != null && hasCascadeFinalizer(object))
            || !ownerStates(view, object).absent().isEmpty()) {
          keys.add(Registry.keyOf(object));
        }
      }
    }
    return keys;
  }

  private CompletionStage<Controller.Result> reconcile(ResourceKey key, CacheView view) {
    KubeObject object = view.get(key);
    if (object == null) {
      return Controller.Result.done();
    }
    List<String> finalizers = object.metadata().finalizersOrEmpty();
    if (object.metadata().deletionTimestamp() != null && finalizers.contains(Deletion.ORPHAN_FINALIZER)) {
      return orphanDependents(key, object, view);
    }
    if (object.metadata().deletionTimestamp() != null && finalizers.contains(Deletion.FOREGROUND_FINALIZER)) {
      return deleteDependents(key, object, view);
    }
    return collectIfOrphaned(key, object, view);
  }

  /** Orphan: release every dependent, then drop the finalizer. */
  private CompletionStage<Controller.Result> orphanDependents(ResourceKey key, KubeObject owner, CacheView view) {
    String uid = owner.metadata().uid();
    List<KubeObject> dependents = view.indexed(Indexes.OWNER, uid);
    if (dependents.isEmpty()) {
      return finish(dropFinalizer(key, owner, Deletion.ORPHAN_FINALIZER));
    }
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (KubeObject dependent : dependents) {
      ResourceKey dependentKey = Registry.keyOf(dependent);
      writes.add(client.update(dependentKey, KubeObject.class, current -> Owners.release(current, uid))
          .toCompletableFuture());
    }
    log.info("orphaning {} dependents of {}", dependents.size(), key);
    // The releases are in the cache once written: look again at once to drop the finalizer.
    return Writes.all(writes).thenApply(done -> Controller.Result.requeueAfter(Duration.ZERO));
  }

  /** Foreground: delete the dependents; the owner goes once none that blocks it is left. */
  private CompletionStage<Controller.Result> deleteDependents(ResourceKey key, KubeObject owner, CacheView view) {
    String uid = owner.metadata().uid();
    List<CompletableFuture<?>> writes = new ArrayList<>();
    boolean blocked = false;
    for (KubeObject dependent : view.indexed(Indexes.OWNER, uid)) {
      blocked |= blocks(dependent, uid);
      if (dependent.metadata().deletionTimestamp() == null) {
        ResourceKey dependentKey = Registry.keyOf(dependent);
        // A dependent with dependents of its own is deleted in the foreground too, so the chain
        // empties bottom-up and every level waits for the one below, as in Kubernetes.
        boolean hasOwn = view.indexedCount(Indexes.OWNER, dependent.metadata().uid()) > 0;
        Deletion.Options options = new Deletion.Options(null, hasOwn ? "Foreground" : "Background",
            dependent.metadata().uid(), null);
        writes.add(client.delete(dependentKey, options).toCompletableFuture());
      }
    }
    if (!blocked) {
      writes.add(dropFinalizer(key, owner, Deletion.FOREGROUND_FINALIZER));
    }
    // While blocked, each dependent's removal queues this owner again.
    return finish(writes);
  }

  private static boolean blocks(KubeObject dependent, String ownerUid) {
    return dependent.metadata().ownerReferences().stream()
        .anyMatch(r -> ownerUid.equals(r.uid()) && Boolean.TRUE.equals(r.blockOwnerDeletion()));
  }

  /** Background: an object whose owners are all gone is deleted; references to gone owners are dropped. */
  private CompletionStage<Controller.Result> collectIfOrphaned(ResourceKey key, KubeObject object, CacheView view) {
    OwnerStates owners = ownerStates(view, object);
    if (owners.absent().isEmpty()) {
      return Controller.Result.done();
    }
    String uid = object.metadata().uid();
    if (owners.present() == 0) {
      if (object.metadata().deletionTimestamp() != null) {
        return Controller.Result.done();
      }
      log.info("{}: every owner is gone; deleting it", key);
      return finish(client.delete(key, new Deletion.Options(null, "Background", uid, null)).toCompletableFuture());
    }
    return finish(client.update(key, KubeObject.class, current -> {
      if (!uid.equals(current.metadata().uid())) {
        return null;
      }
      KubeObject next = current;
      for (String gone : owners.absent()) {
        next = Owners.release(next, gone);
      }
      return next;
    }).toCompletableFuture());
  }

  /** How many of an object's owners exist, and the uids of those that are gone. */
  record OwnerStates(int present, List<String> absent) {}

  static OwnerStates ownerStates(CacheView view, KubeObject object) {
    List<OwnerReference> refs = object.metadata().ownerReferences();
    if (refs == null || refs.isEmpty()) {
      return new OwnerStates(0, List.of());
    }
    int present = 0;
    List<String> absent = new ArrayList<>();
    for (OwnerReference ref : refs) {
      ResourceKey ownerKey = ownerKey(object, ref);
      if (ownerKey == null) {
        present++; // a kind not served here: never collected on its account
        continue;
      }
      KubeObject owner = view.get(ownerKey);
      if (owner != null && owner.metadata().uid().equals(ref.uid())) {
        present++;
      } else {
        absent.add(ref.uid());
      }
    }
    return new OwnerStates(present, absent);
  }

  /** Where the owner a reference names would be: the dependent's namespace unless cluster-scoped. */
  private static ResourceKey ownerKey(KubeObject dependent, OwnerReference ref) {
    return ApiResources.byKind(ref.kind())
        .filter(r -> ref.apiVersion() == null || ref.apiVersion().equals(r.apiVersion()))
        .map(r -> r.namespaced() ? new ResourceKey(r.name(), dependent.metadata().namespace(), ref.name())
            : ResourceKey.clusterScoped(r.name(), ref.name()))
        .orElse(null);
  }

  private static List<ResourceKey> ownersOf(KubeObject dependent) {
    List<OwnerReference> refs = dependent.metadata().ownerReferences();
    if (refs == null) {
      return List.of();
    }
    List<ResourceKey> keys = new ArrayList<>();
    for (OwnerReference ref : refs) {
      ResourceKey key = ownerKey(dependent, ref);
      if (key != null) {
        keys.add(key);
      }
    }
    return keys;
  }

  private static boolean hasCascadeFinalizer(KubeObject object) {
    List<String> finalizers = object.metadata().finalizersOrEmpty();
    return finalizers.contains(Deletion.ORPHAN_FINALIZER) || finalizers.contains(Deletion.FOREGROUND_FINALIZER);
  }

  /** The owner without {@code finalizer}; removed outright when it was the last thing holding it. */
  private CompletableFuture<?> dropFinalizer(ResourceKey key, KubeObject owner, String finalizer) {
    String uid = owner.metadata().uid();
    // The registry removes the object once nothing holds it any more (no finalizer, no grace left).
    return client.update(key, KubeObject.class, current -> {
      if (!uid.equals(current.metadata().uid()) || !current.metadata().finalizersOrEmpty().contains(finalizer)) {
        return null;
      }
      List<String> rest = current.metadata().finalizersOrEmpty().stream().filter(f -> !f.equals(finalizer)).toList();
      return current.withMetadata(current.metadata().withFinalizers(rest.isEmpty() ? null : rest));
    }).toCompletableFuture();
  }

  private static CompletionStage<Controller.Result> finish(CompletableFuture<?> write) {
    return finish(List.of(write));
  }

  private static CompletionStage<Controller.Result> finish(List<CompletableFuture<?>> writes) {
    return Writes.all(writes).thenApply(done -> Controller.Result.DONE);
  }
}
