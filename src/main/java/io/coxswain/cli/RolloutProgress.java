package io.coxswain.cli;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodCondition;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.controller.PodTemplateHash;
import io.coxswain.controller.RollingUpdateSpec;
import java.util.List;

/**
 * How far an RC's rolling update is, from the RC and its pods: pods of the current template
 * (and how many of them are ready), pods of older ones, and the desired count. Done when every
 * desired pod is of the current template and ready, no old pod is left, and the RC no longer
 * carries the rolling-update annotation. Pure.
 */
record RolloutProgress(int desired, int updated, int updatedReady, int old, boolean inProgress) {

  static RolloutProgress of(ReplicationController rc, List<Pod> pods) {
    String hash = PodTemplateHash.of(rc.spec().template(), null);
    int updated = 0;
    int ready = 0;
    int old = 0;
    for (Pod pod : pods) {
      if (pod.metadata().deletionTimestamp() != null) {
        continue;
      }
      if (hash.equals(RollingUpdateSpec.hashOf(pod))) {
        updated++;
        PodCondition condition = pod.statusOrEmpty().condition("Ready");
        if (condition != null && "True".equals(condition.status())) {
          ready++;
        }
      } else {
        old++;
      }
    }
    int desired = rc.spec().replicas() == null ? 1 : rc.spec().replicas();
    return new RolloutProgress(desired, updated, ready, old,
        rc.metadata().annotationsOrEmpty().containsKey(RollingUpdateSpec.ANNOTATION));
  }

  boolean done() {
    return !inProgress && old == 0 && updated == desired && updatedReady == desired;
  }

  /** One line: {@code 2/3 pods updated (2 ready), 1 old left}. */
  String line() {
    return updated + "/" + desired + " pods updated (" + updatedReady + " ready), " + old + " old left";
  }

  /** A bar for a terminal: {@code [######------] 2/3 ...}. */
  String bar() {
    int width = 24;
    int filled = desired == 0 ? width : Math.min(width, width * updatedReady / desired);
    return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + line();
  }
}
