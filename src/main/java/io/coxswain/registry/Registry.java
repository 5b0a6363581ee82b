package io.coxswain.registry;

import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.KubeObject;
import io.coxswain.api.PodScheduling;
import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.Defaulting;
import io.coxswain.api.core.Pod;
import io.coxswain.store.Change;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreOp;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The one write path (Kubernetes' generic registry store): every writer — the API server for
 * clients, and the controllers, scheduler and node agents through {@link LocalClient} — creates,
 * updates and deletes through here, so each kind's {@link Strategy} (defaults, validation, status
 * subresource, deletion and garbage-collection policy, allocations) applies to all of them alike,
 * in Kubernetes' order: decode (the caller's), default, validate, then commit with optimistic
 * concurrency. An invalid write changes nothing. Results complete once this member's cache has
 * the write; failures are {@link ApiException}s (404, 409, 422, ...).
 */
public final class Registry {
  private static final int GENERATE_NAME_ATTEMPTS = 3;
  /** Tries of a write whose picked cluster IP or node port another member took meanwhile. */
  private static final int ALLOCATION_ATTEMPTS = 8;
  private static final String MODIFIED = "the object has been modified; please apply your changes to the latest version and try again";

  private final StoreClient store;
  private final Strategies strategies;
  private final Clock clock;
  private final Random random;

  public Registry(StoreClient store, Strategies strategies, Clock clock, Random random) {
    this.store = store;
    this.strategies = strategies;
    this.clock = clock;
    this.random = random;
  }

  public StoreClient store() {
    return store;
  }

  public Strategies strategies() {
    return strategies;
  }

  /**
   * Creates {@code object} as a {@code resource} in {@code namespace} (null for cluster-scoped
   * kinds, or to take the object's own). A generated name that is taken is generated again.
   */
  public CompletionStage<KubeObject> create(ApiResource resource, String namespace, KubeObject object, boolean dryRun) {
    return create(strategies.of(resource), namespace, object, dryRun, 1);
  }

  private CompletionStage<KubeObject> create(Strategy strategy, String namespace, KubeObject object, boolean dryRun,
      int attempt) {
    KubeObject prepared = strategy.prepareForCreate(object, namespace, clock, random);
    throwIfInvalid(prepared, strategy.validateCreate(prepared));
    prepared = strategy.allocate(prepared, store.cache().view());
    if (dryRun) {
      return CompletableFuture.completedFuture(prepared);
    }
    boolean generated = isEmpty(object.metadata().name()) && !isEmpty(object.metadata().generateName());
    return store.create(keyOf(strategy.resource(), prepared), prepared)
        .<CompletionStage<KubeObject>>handle((created, failure) -> {
          if (failure == null) {
            return CompletableFuture.completedFuture(created);
          }
          ApiException error = StoreClient.unwrap(failure);
          if (generated && error.code() == 409 && attempt < GENERATE_NAME_ATTEMPTS) {
            return create(strategy, namespace, object, dryRun, attempt + 1);
          }
          if (attempt < ALLOCATION_ATTEMPTS && strategy.retryAllocation(object, error)) {
            return create(strategy, namespace, object, dryRun, attempt + 1);
          }
          throw error;
        })
        .thenCompose(x -> x);
  }

  /**
   * Read-modify-write through the main resource ({@code status} false) or the status subresource:
   * {@code change} turns the stored object into the requested one (null: nothing to change); the
   * strategy decides what of it is written. 404 when the object is gone. Answers the object as
   * stored afterwards.
   */
  public CompletionStage<KubeObject> update(ResourceKey key, UnaryOperator<KubeObject> change, boolean status,
      boolean dryRun) {
    return update(key, change, status ? "status" : null, dryRun);
  }

  /**
   * As {@link #update(ResourceKey, UnaryOperator, boolean, boolean)} through any subresource: null
   * (the main resource), "status", or one the kind's strategy handles (a namespace's "finalize").
   */
  public CompletionStage<KubeObject> update(ResourceKey key, UnaryOperator<KubeObject> change, String subresource,
      boolean dryRun) {
    return update(key, change, subresource, dryRun, 1);
  }

  private CompletionStage<KubeObject> update(ResourceKey key, UnaryOperator<KubeObject> change, String subresource,
      boolean dryRun, int attempt) {
    java.util.concurrent.atomic.AtomicReference<KubeObject> asked = new java.util.concurrent.atomic.AtomicReference<>();
    return updateOnce(key, current -> {
      KubeObject requested = change.apply(current);
      asked.set(requested);
      return requested;
    }, subresource, dryRun).<CompletionStage<KubeObject>>handle((written, failure) -> {
      if (failure == null) {
        return CompletableFuture.completedFuture(written);
      }
      ApiException error = StoreClient.unwrap(failure);
      if (subresource == null && asked.get() != null && attempt < ALLOCATION_ATTEMPTS
          && strategies.of(key.resource()).retryAllocation(asked.get(), error)) {
        return update(key, change, subresource, dryRun, attempt + 1);
      }
      throw error;
    }).thenCompose(x -> x);
  }

  private CompletionStage<KubeObject> updateOnce(ResourceKey key, UnaryOperator<KubeObject> change, String subresource,
      boolean dryRun) {
    boolean status = subresource != null;
    Strategy strategy = strategies.of(key.resource());
    ApiResource resource = strategy.resource();
    // A dry run answers the object as it would be stored, as Kubernetes does (kubectl diff reads it).
    java.util.concurrent.atomic.AtomicReference<KubeObject> wouldBe = new java.util.concurrent.atomic.AtomicReference<>();
    return store.mutate(key, current -> {
      if (current == null) {
        throw ApiException.notFound(resource.kind(), resource.name(), key.name());
      }
      KubeObject requested = change.apply(current);
      if (requested == null) {
        return null;
      }
      KubeObject next = subresource == null
          ? strategy.allocateOnUpdate(current, strategy.prepareForUpdate(current, requested), store.cache().view())
          : subresource.equals("status") ? strategy.prepareForStatusUpdate(current, requested)
          : strategy.prepareForSubresourceUpdate(subresource, current, requested);
      throwIfInvalid(next, status ? strategy.validateStatusUpdate(current, next)
          : strategy.validateUpdate(current, next));
      if (dryRun) {
        wouldBe.set(next);
        return null;
      }
      if (sameContent(current, next)) {
        return null;
      }
      return strategy.deletionFinished(next) ? new StoreOp.Delete(key, current.metadata().resourceVersion(), null)
          : new StoreOp.Update(key, next, current.metadata().resourceVersion());
    }).thenApply(written -> wouldBe.get() != null ? wouldBe.get() : written.object());
  }

  /** An update that must apply to the stored version {@code resourceVersion} (409 otherwise). */
  public static UnaryOperator<KubeObject> conditional(String resource, String name, String resourceVersion,
      UnaryOperator<KubeObject> change) {
    if (isEmpty(resourceVersion)) {
      return change;
    }
    return current -> {
      if (!resourceVersion.equals(current.metadata().resourceVersion())) {
        throw ApiException.conflict(resource, name, MODIFIED);
      }
      return change.apply(current);
    };
  }

  /**
   * Deletes with Kubernetes' rules and the kind's grace period and default propagation policy
   * (finalizers hold, pods on nodes are only marked). Answers the object as it was last stored.
   */
  public CompletionStage<KubeObject> delete(ResourceKey key, Deletion.Options options, boolean dryRun) {
    Strategy strategy = strategies.of(key.resource());
    strategy.checkDelete(key);
    ApiResource resource = strategy.resource();
    java.util.concurrent.atomic.AtomicReference<KubeObject> wouldBe = new java.util.concurrent.atomic.AtomicReference<>();
    return store.mutate(key, current -> {
      if (current == null) {
        throw ApiException.notFound(resource.kind(), resource.name(), key.name());
      }
      StoreOp op = strategy.delete(key, current, options, clock);
      if (dryRun) {
        // The object as the delete would leave it: marked, or as it was when removed at once.
        wouldBe.set(op instanceof StoreOp.Update update ? update.object() : current);
        return null;
      }
      return op;
    }).thenApply(written -> wouldBe.get() != null ? wouldBe.get() : written.object());
  }

  /**
   * The last step of a graceful deletion, taken by whatever ran the object (a node agent once the
   * pod's containers stopped, the namespace controller once the namespace is empty): the object
   * with uid {@code uid} is removed, or, while finalizers still hold it, left to the update that
   * removes the last one. 409 when the key holds another object now.
   */
  public CompletionStage<KubeObject> finishDeletion(ResourceKey key, String uid) {
    ApiResource resource = strategies.of(key.resource()).resource();
    return store.mutate(key, current -> {
      if (current == null) {
        throw ApiException.notFound(resource.kind(), resource.name(), key.name());
      }
      if (uid != null && !uid.equals(current.metadata().uid())) {
        throw ApiException.conflict(resource.name(), key.name(), "Precondition failed: UID in precondition: " + uid
            + ", UID in object meta: " + current.metadata().uid());
      }
      if (!current.metadata().finalizersOrEmpty().isEmpty()) {
        boolean marked = current.metadata().deletionTimestamp() != null;
        return new StoreOp.Update(key, current.withMetadata(current.metadata().withDeletion(
            marked ? current.metadata().deletionTimestamp() : Defaulting.now(clock), 0L)),
            current.metadata().resourceVersion());
      }
      return new StoreOp.Delete(key, current.metadata().resourceVersion(), uid);
    }).thenApply(Change::object);
  }

  /**
   * Kubernetes' {@code pods/binding}: assigns the pod (optionally only if its uid is {@code uid})
   * to {@code node}, once. 409 when it is already assigned, being deleted, or still has scheduling
   * gates (Kubernetes refuses to bind a pod that is not ready for scheduling).
   */
  public CompletionStage<KubeObject> bind(ResourceKey key, String uid, String node) {
    return store.mutate(key, current -> {
      if (current == null) {
        throw ApiException.notFound("Pod", "pods", key.name());
      }
      Pod pod = (Pod) current;
      if (uid != null && !uid.equals(pod.metadata().uid())) {
        throw ApiException.conflict("pods", key.name(), "Precondition failed: UID in precondition: " + uid
            + ", UID in object meta: " + pod.metadata().uid());
      }
      if (pod.metadata().deletionTimestamp() != null) {
        throw ApiException.conflict("pods", key.name(), "pod is being deleted, cannot be assigned to a host");
      }
      if (pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty()) {
        throw ApiException.conflict("pods/binding", key.name(),
            "pod " + key.name() + " is already assigned to node \"" + pod.spec().nodeName() + "\"");
      }
      if (!pod.spec().schedulingGates().isEmpty()) {
        throw ApiException.conflict("pods/binding", key.name(),
            "pod " + key.name() + " has non-empty .spec.schedulingGates");
      }
      return new StoreOp.Update(key, PodScheduling.bound(pod, node, Defaulting.now(clock)),
          pod.metadata().resourceVersion());
    }).thenApply(Change::object);
  }

  private static void throwIfInvalid(KubeObject object, List<StatusCause> causes) {
    if (!causes.isEmpty()) {
      throw ApiException.invalid(object.kind(), object.metadata().name(), causes);
    }
  }

  private static boolean sameContent(KubeObject current, KubeObject next) {
    return current.equals(next.withMetadata(next.metadata().withResourceVersion(current.metadata().resourceVersion())));
  }

  public static ResourceKey keyOf(ApiResource resource, KubeObject object) {
    return new ResourceKey(resource.name(), resource.namespaced() ? object.metadata().namespace() : "",
        object.metadata().name());
  }

  /** The key of an object of a registered kind. */
  public static ResourceKey keyOf(KubeObject object) {
    return keyOf(ApiResources.byKind(object.kind()).orElseThrow(), object);
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }
}
