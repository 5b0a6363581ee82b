package io.coxswain.controller;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodCondition;
import io.coxswain.api.selector.LabelSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The replica controller's observe-diff-act step for a ReplicationController or a ReplicaSet, pure
 * and level-triggered: from the owner and its candidate pods (those it controls, and the orphans of
 * its namespace), decide what to do, and count replicas, ready and available ones (ready for
 * {@code minReadySeconds}; the plan says when the next pod becomes available, to look again then). (No
 * expectations are needed: the controller loop runs a pass only once the cache holds the previous
 * pass's writes.)
 */
final class ReplicationReconciler {
  private ReplicationReconciler() {}

  /** The counts a replica controller writes to its object's status. */
  record Counts(int replicas, int fullyLabeled, int ready, int available) {}

  static ReplicaPlan reconcile(ReplicaOwner owner, List<Pod> candidates, Instant now) {
    LabelSelector selector = owner.selector();
    String uid = owner.uid();
    List<Pod> adopt = new ArrayList<>();
    List<Pod> release = new ArrayList<>();
    List<Pod> active = new ArrayList<>();
    for (Pod pod : candidates) {
      String controller = Owners.controllerUid(pod);
      boolean matches = !selector.isEverything() && selector.matches(pod.metadata().labelsOrEmpty());
      if (uid.equals(controller) && !matches) {
        release.add(pod);
      } else if (matches && controller == null && pod.metadata().deletionTimestamp() == null) {
        adopt.add(pod);
        if (isActive(pod)) {
          active.add(pod);
        }
      } else if (matches && uid.equals(controller) && isActive(pod)) {
        active.add(pod);
      }
    }
    int diff = owner.replicas() - active.size();
    int create = 0;
    List<Pod> delete = List.of();
    RollingUpdateSpec rolling = owner.rollingUpdate();
    List<Pod> old = rolling == null ? List.of()
        : active.stream().filter(p -> !rolling.templateHash().equals(RollingUpdateSpec.hashOf(p))).toList();
    Duration rollingRecheck = null;
    boolean rolloutDone = rolling != null && old.isEmpty();
    if (owner.object().metadata().deletionTimestamp() == null) {
      if (!old.isEmpty()) {
        RollingStep step = rollingStep(owner.replicas(), active, old, rolling, now);
        create = step.create();
        delete = step.delete();
        rollingRecheck = step.recheckAfter();
      } else if (diff > 0) {
        create = diff;
      } else if (diff < 0) {
        delete = deletionOrder(active).subList(0, Math.min(-diff, active.size()));
      }
    }
    Map<String, String> templateLabels = owner.template() == null ? Map.of()
        : owner.template().metadata().labelsOrEmpty();
    int fullyLabeled = (int) active.stream()
        .filter(p -> p.metadata().labelsOrEmpty().entrySet().containsAll(templateLabels.entrySet())).count();
    int ready = 0;
    int available = 0;
    Duration recheck = null;
    for (Pod pod : active) {
      if (!isReady(pod)) {
        continue;
      }
      ready++;
      Duration left = untilAvailable(pod, owner.minReadySeconds(), now);
      if (left.isZero()) {
        available++;
      } else if (recheck == null || left.compareTo(recheck) < 0) {
        recheck = left;
      }
    }
    if (rollingRecheck != null && (recheck == null || rollingRecheck.compareTo(recheck) < 0)) {
      recheck = rollingRecheck;
    }
    return new ReplicaPlan(create, delete, adopt, release, new Counts(active.size(), fullyLabeled, ready, available),
        recheck, rolloutDone);
  }

  private record RollingStep(int create, List<Pod> delete, Duration recheckAfter) {}

  /**
   * One step of an RC's rolling update (maxSurge 1, maxUnavailable 0, as the talk's rolling-update
   * ran): missing pods are made from the new template at once; with the desired count present and
   * every new pod ready, one more new pod is made; with one too many, an old pod goes once the new
   * ones have been ready for the update period (the least useful old pod first: unscheduled,
   * pending, not ready, newest).
   */
  private static RollingStep rollingStep(int replicas, List<Pod> active, List<Pod> old, RollingUpdateSpec rolling,
      Instant now) {
    if (active.size() < replicas) {
      return new RollingStep(replicas - active.size(), List.of(), null);
    }
    List<Pod> updated = active.stream().filter(p -> !old.contains(p)).toList();
    if (!updated.stream().allMatch(ReplicationReconciler::isReady)) {
      return new RollingStep(0, List.of(), null); // a readiness change queues the next step
    }
    if (active.size() == replicas && replicas > 0) {
      return new RollingStep(1, List.of(), null);
    }
    Duration wait = Duration.ZERO;
    for (Pod pod : updated) {
      Duration left = untilAvailable(pod, (int) rolling.period().getSeconds(), now);
      wait = left.compareTo(wait) > 0 ? left : wait;
    }
    if (!wait.isZero()) {
      return new RollingStep(0, List.of(), wait);
    }
    int extra = active.size() - replicas;
    return new RollingStep(0, deletionOrder(old).subList(0, Math.min(extra, old.size())), null);
  }

  /**
   * How long until a ready pod counts as available: zero once it has been ready for
   * {@code minReadySeconds} (Kubernetes' IsPodAvailable, from the Ready condition's last transition).
   */
  static Duration untilAvailable(Pod pod, int minReadySeconds, Instant now) {
    if (minReadySeconds <= 0) {
      return Duration.ZERO;
    }
    PodCondition ready = pod.statusOrEmpty().condition("Ready");
    if (ready == null || ready.lastTransitionTime() == null) {
      return Duration.ZERO;
    }
    Instant availableAt = Instant.parse(ready.lastTransitionTime()).plusSeconds(minReadySeconds);
    return now.isBefore(availableAt) ? Duration.between(now, availableAt) : Duration.ZERO;
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
}
