package io.coxswain.store;

import io.coxswain.api.KubeObject;

/**
 * One write the store applies atomically against its current state. The apiserver prepares the
 * object (defaults, validation, patch); the store only checks existence and optimistic
 * concurrency, stamps the revision and commits.
 */
public sealed interface StoreOp {
  ResourceKey key();

  /** Create; fails with AlreadyExists, or NotFound when the namespace does not exist. */
  record Create(ResourceKey key, KubeObject object) implements StoreOp {}

  /**
   * Replace; fails with NotFound, or Conflict when {@code expectedResourceVersion} is set and is
   * not the stored object's.
   */
  record Update(ResourceKey key, KubeObject object, String expectedResourceVersion) implements StoreOp {}

  /** Remove; same preconditions as Update, plus an optional uid precondition. */
  record Delete(ResourceKey key, String expectedResourceVersion, String expectedUid) implements StoreOp {}
}
