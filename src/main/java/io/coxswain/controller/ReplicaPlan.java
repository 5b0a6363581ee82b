package io.coxswain.controller;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationControllerStatus;
import java.util.List;

/**
 * What one reconcile of a ReplicationController decided: how many pods to create, which to
 * delete, adopt (matching orphans) and release (owned but no longer matching), and the status.
 */
record ReplicaPlan(int create, List<Pod> delete, List<Pod> adopt, List<Pod> release, ReplicationControllerStatus status) {
  ReplicaPlan {
    delete = List.copyOf(delete);
    adopt = List.copyOf(adopt);
    release = List.copyOf(release);
  }

  boolean changesPods() {
    return create > 0 || !delete.isEmpty() || !adopt.isEmpty() || !release.isEmpty();
  }
}
