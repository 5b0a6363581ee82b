package io.coxswain.controller;

import io.coxswain.api.apps.Deployment;
import io.coxswain.api.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Deployment scaled while a rollout is under way, as Kubernetes' deployment controller scales
 * it: the replicas added or removed are spread over the active ReplicaSets in proportion to their
 * sizes (each set's share measured against the {@code max-replicas} it was last sized for), the
 * largest set taking what rounding leaves, so a rollout neither restarts nor loses its place.
 * With one active set, that set simply follows {@code spec.replicas}. Pure.
 */
final class ProportionalScaling {
  private ProportionalScaling() {}

  /**
   * The scaling step, or null when this is no scaling event (every active set was sized for the
   * Deployment's current replicas) or nothing needs to change; the rollout step then goes on.
   *
   * @param all the Deployment's ReplicaSets, oldest first
   */
  static List<DeploymentPlanner.Action> plan(Deployment d, ReplicaSet newRs, List<ReplicaSet> all,
      RolloutMath.Fenceposts fence) {
    int replicas = RolloutMath.replicas(d);
    List<ReplicaSet> active = all.stream().filter(rs -> DeploymentPlanner.specReplicas(rs) > 0).toList();
    if (!scalingEvent(active, replicas)) {
      return null;
    }
    List<DeploymentPlanner.Action> actions = new ArrayList<>();
    if (active.size() <= 1) {
      ReplicaSet only = active.isEmpty() ? newRs : active.get(0);
      if (only != null && DeploymentPlanner.specReplicas(only) != replicas) {
        actions.add(new DeploymentPlanner.Scale(only, replicas, annotations(d, newRs, only, fence)));
      }
      return actions.isEmpty() ? null : actions;
    }
    int allowed = replicas > 0 ? replicas + fence.maxSurge() : 0;
    int current = active.stream().mapToInt(DeploymentPlanner::specReplicas).sum();
    int toAdd = allowed - current;
    if (toAdd == 0) {
      return null;
    }
    // Largest first; between equals, the newer when adding and the older when removing (Kubernetes' order).
    List<ReplicaSet> sorted = new ArrayList<>(active);
    Comparator<ReplicaSet> byAge = Comparator.comparing(rs -> String.valueOf(rs.metadata().creationTimestamp()));
    sorted.sort(Comparator.comparingInt(DeploymentPlanner::specReplicas).reversed()
        .thenComparing(toAdd > 0 ? byAge.reversed() : byAge));
    Map<ReplicaSet, Integer> sizes = new LinkedHashMap<>();
    int added = 0;
    for (ReplicaSet rs : sorted) {
      int proportion = proportion(rs, d, fence, toAdd, added);
      sizes.put(rs, DeploymentPlanner.specReplicas(rs) + proportion);
      added += proportion;
    }
    ReplicaSet largest = sorted.get(0);
    sizes.put(largest, Math.max(0, sizes.get(largest) + toAdd - added));
    sizes.forEach((rs, size) -> actions.add(new DeploymentPlanner.Scale(rs, size, annotations(d, newRs, rs, fence))));
    return actions;
  }

  /** Whether some active set was sized for another replica count than the Deployment's (or says none). */
  private static boolean scalingEvent(List<ReplicaSet> active, int replicas) {
    for (ReplicaSet rs : active) {
      String desired = rs.metadata().annotationsOrEmpty().get(DeploymentPlanner.DESIRED_REPLICAS);
      if (desired != null && !desired.equals(Integer.toString(replicas))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A set's share of {@code toAdd}: its size scaled from the max-replicas it was sized for to the
   * Deployment's new max (rounded), never past what is left to add or remove.
   */
  private static int proportion(ReplicaSet rs, Deployment d, RolloutMath.Fenceposts fence, int toAdd, int added) {
    int size = DeploymentPlanner.specReplicas(rs);
    if (size == 0 || toAdd == added) {
      return 0;
    }
    int replicas = RolloutMath.replicas(d);
    int fraction;
    if (replicas == 0) {
      fraction = -size;
    } else {
      int newMax = replicas + fence.maxSurge();
      int oldMax = annotatedMax(rs, d);
      fraction = oldMax <= 0 ? 0 : (int) Math.round((double) size * newMax / oldMax) - size;
    }
    int allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  /** The max-replicas a set was last sized for; without the annotation, the Deployment's current pod count. */
  private static int annotatedMax(ReplicaSet rs, Deployment d) {
    String max = rs.metadata().annotationsOrEmpty().get(DeploymentPlanner.MAX_REPLICAS);
    try {
      return max == null ? current(d) : Integer.parseInt(max);
    } catch (NumberFormatException e) {
      return current(d);
    }
  }

  private static int current(Deployment d) {
    Integer replicas = d.statusOrEmpty().replicas();
    return replicas == null ? 0 : replicas;
  }

  private static Map<String, String> annotations(Deployment d, ReplicaSet newRs, ReplicaSet rs,
      RolloutMath.Fenceposts fence) {
    return rs == newRs ? DeploymentPlanner.annotations(d, rs, null, fence)
        : DeploymentPlanner.oldAnnotations(d, rs, fence);
  }
}
