package io.coxswain.controller;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodCondition;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.ReplicationControllerStatus;
import io.coxswain.api.selector.LabelSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The ReplicationController's observe-diff-act step, pure and level-triggered: from the RC and its
 * candidate pods (those it controls, and the orphans of its namespace), decide what to do. (No
 * expectations are needed: the controller loop runs a pass only once the cache holds the previous
 * pass's writes.)
 */
final class ReplicationReconciler {
  private ReplicationReconciler() {}

  static ReplicaPlan reconcile(ReplicationController rc, List<Pod> candidates) {
    LabelSelector selector = LabelSelector.fromMap(rc.spec().selector());
    String uid = rc.metadata().uid();
    List<Pod> adopt = new ArrayList<>();
    List<Pod> release = new ArrayList<>();
    List<Pod> active = new ArrayList<>();
    for (Pod pod : candidates) {
      String owner = Owners.controllerUid(pod);
      boolean matches = !selector.isEverything() && selector.matches(pod.metadata().labelsOrEmpty());
      if (uid.equals(owner) && !matches) {
        release.add(pod);
      } else if (matches && owner == null && pod.metadata().deletionTimestamp() == null) {
        adopt.add(pod);
        if (isActive(pod)) {
          active.add(pod);
        }
      } else if (matches && uid.equals(owner) && isActive(pod)) {
        active.add(pod);
      }
    }
    int wanted = rc.spec().replicas() == null ? 1 : rc.spec().replicas();
    int diff = wanted - active.size();
    int create = 0;
    List<Pod> delete = List.of();
    if (rc.metadata().deletionTimestamp() == null) {
      if (diff > 0) {
        create = diff;
      } else if (diff < 0) {
        delete = deletionOrder(active).subList(0, Math.min(-diff, active.size()));
      }
    }
    return new ReplicaPlan(create, delete, adopt, release, status(rc, active));
  }

  private static boolean isActive(Pod pod) {
    String phase = pod.statusOrEmpty().phase();
    return pod.metadata().deletionTimestamp() == null && !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  /** Kubernetes' order for scaling down: unscheduled, then pending, then not ready, then the newest. */
  static List<Pod> deletionOrder(List<Pod> pods) {
    List<Pod> sorted = new ArrayList<>(pods);
    sorted.sort(Comparator.comparing((Pod p) -> p.spec().nodeName() != null && !p.spec().nodeName().isEmpty())
        .thenComparing(p -> !"Pending".equals(p.statusOrEmpty().phase()))
        .thenComparing(ReplicationReconciler::isReady)
        .thenComparing(p -> String.valueOf(p.metadata().creationTimestamp()), Comparator.reverseOrder())
        .thenComparing(p -> p.metadata().name()));
    return sorted;
  }

  static boolean isReady(Pod pod) {
    PodCondition ready = pod.statusOrEmpty().condition("Ready");
    return ready != null && "True".equals(ready.status());
  }

  private static ReplicationControllerStatus status(ReplicationController rc, List<Pod> active) {
    Map<String, String> templateLabels = rc.spec().template() == null ? Map.of()
        : rc.spec().template().metadata().labelsOrEmpty();
    int fullyLabeled = (int) active.stream()
        .filter(p -> p.metadata().labelsOrEmpty().entrySet().containsAll(templateLabels.entrySet())).count();
    int ready = (int) active.stream().filter(ReplicationReconciler::isReady).count();
    return new ReplicationControllerStatus(active.size(), fullyLabeled, ready, ready, rc.metadata().generation(),
        rc.status() == null ? null : rc.status().conditions());
  }
}
