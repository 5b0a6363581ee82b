package io.coxswain.registry;

import io.coxswain.api.ApiResource;
import io.coxswain.api.Defaulting;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.validation.Validation;
import io.coxswain.store.CacheView;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreOp;
import java.time.Clock;
import java.util.List;
import java.util.Random;

/**
 * One kind's write rules (Kubernetes' REST strategy): everything the {@link Registry} asks of a
 * kind on the way to the store. The defaults here fit most kinds; a kind's strategy overrides what
 * differs. Adding a kind is its records (in {@code api}, with their defaults and validation) plus
 * one of these, listed in {@link Strategies}.
 */
public interface Strategy {
  ApiResource resource();

  /** Defaults and server-set fields of a new object (metadata, type defaults, its first status). */
  default KubeObject prepareForCreate(KubeObject object, String namespaceFromPath, Clock clock, Random random) {
    return Defaulting.applyCreateDefaults(object, namespaceFromPath, clock, random);
  }

  /**
   * A new object given what the cluster already holds: allocations that must be unique (a
   * Service's cluster IP and node ports). Throws ApiException when nothing is free.
   */
  default KubeObject allocate(KubeObject prepared, CacheView view) {
    return prepared;
  }

  /**
   * An updated object given what the cluster holds: allocations its change needs (a Service turned
   * NodePort gets node ports). Throws ApiException when nothing is free.
   */
  default KubeObject allocateOnUpdate(KubeObject current, KubeObject next, CacheView view) {
    return next;
  }

  /**
   * Whether a write the store refused with {@code error} (422: a unique claim another object holds)
   * failed only on values {@link #allocate} picked rather than values {@code requested} asked for;
   * then the write is tried again with a fresh pick. Another member may have taken the value
   * before this member's cache showed it.
   */
  default boolean retryAllocation(KubeObject requested, io.coxswain.api.ApiException error) {
    return false;
  }

  default List<StatusCause> validateCreate(KubeObject object) {
    return Validation.validateCreate(object);
  }

  default List<StatusCause> validateUpdate(KubeObject current, KubeObject next) {
    return Validation.validateUpdate(current, next);
  }

  /** An update through the status subresource: identity only; the spec is the stored one. */
  default List<StatusCause> validateStatusUpdate(KubeObject current, KubeObject next) {
    return Validation.validateStatusUpdate(current, next);
  }

  /** Whether the kind has a status subresource: then its main resource never writes status, and only status does. */
  default boolean hasStatus() {
    return resource().subresources().contains("status");
  }

  /**
   * An update through the main resource: server-owned metadata from the stored object, generation
   * counted, status kept when the kind has a status subresource.
   */
  default KubeObject prepareForUpdate(KubeObject current, KubeObject updated) {
    KubeObject merged = Defaulting.applyUpdateDefaults(current, updated);
    return hasStatus() ? withStatusOf(merged, current) : merged;
  }

  /**
   * An update through another subresource this kind has (a namespace's "finalize"); 404 for any
   * the kind does not have.
   */
  default KubeObject prepareForSubresourceUpdate(String subresource, KubeObject current, KubeObject updated) {
    throw io.coxswain.api.ApiException.notFound(null, resource().name() + "/" + subresource, "");
  }

  /**
   * Whether an update finishes a deletion, so the object is removed instead of written: it is
   * marked, its finalizers are gone and no grace period runs ({@link Deletion#afterUpdate}).
   */
  default boolean deletionFinished(KubeObject next) {
    return Deletion.finished(next);
  }

  /** An update through the status subresource: only status from {@code updated}. */
  default KubeObject prepareForStatusUpdate(KubeObject current, KubeObject updated) {
    return withStatusOf(current, updated);
  }

  /**
   * {@code target} with the status of {@code source}. Kinds with frequent status writes (pods,
   * nodes, controllers) override this with a typed copy; the default goes through JSON.
   */
  default KubeObject withStatusOf(KubeObject target, KubeObject source) {
    return JsonStatus.withStatusOf(resource(), target, source);
  }

  /** The propagation policy a delete without one gets (Kubernetes' DefaultGarbageCollectionPolicy). */
  default String defaultPropagationPolicy() {
    return "Background";
  }

  /** Refuses a delete before anything is read (403 for objects that may never be deleted). */
  default void checkDelete(ResourceKey key) {}

  /**
   * The write that deleting {@code current} takes, or null when it is already being deleted:
   * Kubernetes' rules ({@link Deletion}) with this kind's grace period and default policy.
   */
  default StoreOp delete(ResourceKey key, KubeObject current, Deletion.Options options, Clock clock) {
    return Deletion.decide(key, current, options, clock, gracePeriodSeconds(current, options),
        defaultPropagationPolicy());
  }

  /**
   * Seconds an object being deleted is given to stop before it is removed (0: removed at once
   * unless a finalizer holds it); only things a node runs have any.
   */
  default long gracePeriodSeconds(KubeObject current, Deletion.Options options) {
    return 0;
  }
}
