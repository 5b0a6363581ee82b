package io.coxswain.controller;

import io.coxswain.api.core.Pod;
import java.util.List;

/**
 * What one reconcile of a ReplicationController or ReplicaSet decided: how many pods to create,
 * which to delete, adopt (matching orphans) and release (owned but no longer matching), the counts
 * for its status, when to look again (a ready pod becoming available, a rolling update's period;
 * null: not needed), and whether an RC's rolling update has just no old pod left.
 */
record ReplicaPlan(int create, List<Pod> delete, List<Pod> adopt, List<Pod> release,
    ReplicationReconciler.Counts counts, java.time.Duration recheckAfter, boolean rolloutDone) {
  ReplicaPlan {
    delete = List.copyOf(delete);
    adopt = List.copyOf(adopt);
    release = List.copyOf(release);
  }

  boolean changesPods() {
    return create > 0 || !delete.isEmpty() || !adopt.isEmpty() || !release.isEmpty();
  }
}
