package io.coxswain.store;

/** The kinds of change a watch reports; BOOKMARK carries only a revision. */
public enum ChangeType {
  ADDED,
  MODIFIED,
  DELETED,
  BOOKMARK
}
