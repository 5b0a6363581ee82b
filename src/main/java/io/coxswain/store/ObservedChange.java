package io.coxswain.store;

import io.coxswain.api.KubeObject;

/**
 * A committed change as a node's cache saw it: the change and what its key held just before
 * (null for a create), so a handler can tell what moved — a label, a node binding, an owner.
 */
public record ObservedChange(Change change, KubeObject previous) {
  /** The object after the change, or null when it was deleted. */
  public KubeObject current() {
    return change.type() == ChangeType.DELETED ? null : change.object();
  }

  /** The object this change is about: the new state, or the last one for a delete. */
  public KubeObject object() {
    return change.object();
  }
}
