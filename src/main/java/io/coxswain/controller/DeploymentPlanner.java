package io.coxswain.controller;

import io.coxswain.api.LabelSelector;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.apps.Deployment;
import io.coxswain.api.apps.DeploymentCondition;
import io.coxswain.api.apps.DeploymentStatus;
import io.coxswain.api.apps.ReplicaSet;
import io.coxswain.api.apps.ReplicaSetSpec;
import io.coxswain.api.core.PodTemplateSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of Kubernetes' deployment controller for one Deployment, pure: from the Deployment, the
 * ReplicaSets it controls and the time, the ReplicaSet writes to make and the status to report.
 *
 * <p>Followed as Kubernetes does it: the ReplicaSet whose template equals the Deployment's (but for
 * the {@code pod-template-hash} label) is the new one, named {@code <deployment>-<hash>}, and
 * carries revision max(old)+1 in {@code deployment.kubernetes.io/revision} (so rolling back to an
 * old template makes its ReplicaSet new again, with a new revision). RollingUpdate scales the new
 * ReplicaSet up while the total stays within {@code replicas + maxSurge}, then scales old ones
 * down — unavailable old pods first, then the oldest sets — while at least
 * {@code replicas - maxUnavailable} stay available; Recreate scales every old set to zero and
 * creates the new one once their pods are gone. A paused Deployment only scales. Once complete,
 * old sets beyond {@code revisionHistoryLimit} that have no pods are deleted, oldest first. The
 * status and its Available and Progressing conditions (including ProgressDeadlineExceeded) are
 * computed as Kubernetes computes them, since kubectl rollout status reads them.
 */
final class DeploymentPlanner {
  static final String REVISION = "deployment.kubernetes.io/revision";
  static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
  static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

  private DeploymentPlanner() {}

  /** A ReplicaSet write. */
  sealed interface Action {}

  /** Create this ReplicaSet (the new version). */
  record Create(ReplicaSet replicaSet) implements Action {}

  /** Set a ReplicaSet's replicas and annotations (its revision, the Deployment's annotations for the new one). */
  record Scale(ReplicaSet replicaSet, int replicas, Map<String, String> annotations) implements Action {}

  /** Delete an old ReplicaSet that has no pods left (history limit). */
  record Delete(ReplicaSet replicaSet) implements Action {}

  /**
   * What one step decided.
   *
   * @param revision the Deployment's {@code deployment.kubernetes.io/revision} annotation after this step (null: none yet)
   * @param recheckAfter when to look again with nothing changed (the progress deadline), or null
   */
  record Plan(List<Action> actions, DeploymentStatus status, String revision, Duration recheckAfter) {}

  /** As {@link #plan(Deployment, List, Instant, java.util.function.Predicate)}, a set's pods counted from its status. */
  static Plan plan(Deployment d, List<ReplicaSet> owned, Instant now) {
    return plan(d, owned, now, rs -> rs.statusOrEmpty().replicasOrZero() > 0);
  }

  /**
   * @param hasPods whether a ReplicaSet still has pods, terminating ones included (Recreate starts
   *     the new version only once no old pod exists at all, as Kubernetes' oldPodsRunning)
   */
  static Plan plan(Deployment d, List<ReplicaSet> owned, Instant now,
      java.util.function.Predicate<ReplicaSet> hasPods) {
    List<ReplicaSet> all = new ArrayList<>(owned);
    all.sort(Comparator.comparing((ReplicaSet rs) -> String.valueOf(rs.metadata().creationTimestamp()))
        .thenComparing(rs -> rs.metadata().name()));
    ReplicaSet newRs = findNew(d, all);
    List<ReplicaSet> old = new ArrayList<>(all);
    old.remove(newRs);
    long maxOldRevision = old.stream().mapToLong(DeploymentPlanner::revision).max().orElse(0);
    String newRevision = Long.toString(maxOldRevision + 1);
    List<Action> actions = new ArrayList<>();
    boolean createdNew = false;
    boolean paused = Boolean.TRUE.equals(d.spec().paused());
    int replicas = RolloutMath.replicas(d);
    RolloutMath.Fenceposts fence = RolloutMath.fenceposts(d);

    List<Action> scaling = isRecreate(d) ? null : ProportionalScaling.plan(d, newRs, all, fence);
    if (scaling != null) {
      // Scaled mid-rollout (or while paused): this step only spreads the change over the versions.
      actions.addAll(scaling);
    } else if (paused) {
      // Only scaling: the one active version follows spec.replicas.
      if (newRs != null && old.stream().allMatch(rs -> specReplicas(rs) == 0) && specReplicas(newRs) != replicas) {
        actions.add(new Scale(newRs, replicas, annotations(d, newRs, null, fence)));
      }
    } else if (isRecreate(d)) {
      List<ReplicaSet> activeOld = old.stream().filter(rs -> specReplicas(rs) > 0).toList();
      activeOld.forEach(rs -> actions.add(new Scale(rs, 0, oldAnnotations(d, rs, fence))));
      boolean oldPodsGone = activeOld.isEmpty() && old.stream().noneMatch(hasPods);
      if (oldPodsGone) {
        if (newRs == null) {
          newRs = newReplicaSet(d, replicas, newRevision, fence);
          actions.add(new Create(newRs));
          createdNew = true;
        } else {
          Map<String, String> annotations = annotations(d, newRs,
              revision(newRs) <= maxOldRevision ? newRevision : null, fence);
          if (specReplicas(newRs) != replicas || !annotations.equals(newRs.metadata().annotationsOrEmpty())) {
            actions.add(new Scale(newRs, replicas, annotations));
          }
        }
      }
    } else {
      int total = all.stream().mapToInt(DeploymentPlanner::specReplicas).sum();
      int maxTotal = replicas + fence.maxSurge();
      if (newRs == null) {
        int initial = Math.max(0, Math.min(maxTotal - total, replicas));
        newRs = newReplicaSet(d, initial, newRevision, fence);
        actions.add(new Create(newRs));
        createdNew = true;
      } else {
        int current = specReplicas(newRs);
        int target = current;
        if (current > replicas) {
          target = replicas;
        } else if (current < replicas && total < maxTotal) {
          target = current + Math.min(maxTotal - total, replicas - current);
        }
        Map<String, String> annotations = annotations(d, newRs,
            revision(newRs) <= maxOldRevision ? newRevision : null, fence);
        if (target != current || !annotations.equals(newRs.metadata().annotationsOrEmpty())) {
          actions.add(new Scale(newRs, target, annotations));
        }
        if (target == current) {
          scaleDownOld(d, newRs, old, fence, actions);
        }
      }
    }

    DeploymentStatus status = status(d, newRs, all, createdNew, paused, now);
    boolean complete = complete(d, status);
    if (complete && !paused) {
      cleanUp(d, old, actions);
    }
    String revision = revisionAfter(d, newRs, actions);
    Duration recheck = null;
    Integer deadline = d.spec().progressDeadlineSeconds();
    DeploymentCondition progressing = status.condition("Progressing");
    if (!complete && !paused && deadline != null && progressing != null && "True".equals(progressing.status())
        && !"NewReplicaSetAvailable".equals(progressing.reason()) && progressing.lastUpdateTime() != null) {
      Instant due = Instant.parse(progressing.lastUpdateTime()).plusSeconds(deadline).plusSeconds(1);
      recheck = now.isBefore(due) ? Duration.between(now, due) : Duration.ofSeconds(1);
    }
    return new Plan(actions, status, revision, recheck);
  }

  /** The new ReplicaSet's revision once the actions are done: the Deployment's revision annotation. */
  private static String revisionAfter(Deployment d, ReplicaSet newRs, List<Action> actions) {
    if (newRs == null) {
      return d.metadata().annotationsOrEmpty().get(REVISION);
    }
    for (Action action : actions) {
      if (action instanceof Scale scale && scale.replicaSet() == newRs) {
        return scale.annotations().getOrDefault(REVISION, Long.toString(revision(newRs)));
      }
    }
    return Long.toString(revision(newRs));
  }

  /** Annotations of a Deployment that are its own and never copied to its ReplicaSets. */
  private static final java.util.Set<String> NOT_COPIED = java.util.Set.of(REVISION, DESIRED_REPLICAS, MAX_REPLICAS,
      REVISION_HISTORY, "kubectl.kubernetes.io/last-applied-configuration");

  /**
   * The new ReplicaSet's annotations: its own, the Deployment's (a {@code kubernetes.io/change-cause}
   * shows in rollout history), the revision ({@code revision} when it moves up), desired and max replicas.
   */
  static Map<String, String> annotations(Deployment d, ReplicaSet rs, String revision, RolloutMath.Fenceposts fence) {
    Map<String, String> out = new java.util.TreeMap<>(rs.metadata().annotationsOrEmpty());
    d.metadata().annotationsOrEmpty().forEach((k, v) -> {
      if (!NOT_COPIED.contains(k)) {
        out.put(k, v);
      }
    });
    if (revision != null) {
      String had = rs.metadata().annotationsOrEmpty().get(REVISION);
      if (had != null && parseRevision(had) < parseRevision(revision)) {
        // A set brought back (a rollback) keeps the revisions it had, as Kubernetes records them.
        String history = appendRevision(out.get(REVISION_HISTORY), had);
        if (history != null) {
          out.put(REVISION_HISTORY, history);
        }
      }
      out.put(REVISION, revision);
    }
    out.put(DESIRED_REPLICAS, Integer.toString(RolloutMath.replicas(d)));
    out.put(MAX_REPLICAS, Integer.toString(RolloutMath.replicas(d) + fence.maxSurge()));
    return out;
  }

  /** Kubernetes' bound on the revision-history annotation, in characters. */
  static final int MAX_REVISION_HISTORY_CHARS = 2000;

  /**
   * {@code history} (comma-separated revisions, or null) with {@code revision} appended, dropping
   * the oldest to stay within {@value #MAX_REVISION_HISTORY_CHARS} characters; null when even
   * that cannot make room (the history is then left as it was, as Kubernetes leaves it).
   */
  static String appendRevision(String history, String revision) {
    if (history == null || history.isEmpty()) {
      return revision;
    }
    List<String> revisions = new ArrayList<>(List.of(history.split(",")));
    int length = history.length() + revision.length() + 1;
    while (length > MAX_REVISION_HISTORY_CHARS && !revisions.isEmpty()) {
      length -= revisions.remove(0).length() + 1;
    }
    if (length > MAX_REVISION_HISTORY_CHARS) {
      return null;
    }
    revisions.add(revision);
    return String.join(",", revisions);
  }

  private static long parseRevision(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** An old ReplicaSet's annotations: its own, with desired and max replicas brought up to date. */
  static Map<String, String> oldAnnotations(Deployment d, ReplicaSet rs, RolloutMath.Fenceposts fence) {
    Map<String, String> out = new java.util.TreeMap<>(rs.metadata().annotationsOrEmpty());
    out.put(DESIRED_REPLICAS, Integer.toString(RolloutMath.replicas(d)));
    out.put(MAX_REPLICAS, Integer.toString(RolloutMath.replicas(d) + fence.maxSurge()));
    return out;
  }

  /**
   * Old ReplicaSets scaled down as far as availability allows (Kubernetes' reconcileOldReplicaSets):
   * first the pods that are not available anyway, then from the oldest set, keeping at least
   * {@code replicas - maxUnavailable} available counting the new set's.
   */
  private static void scaleDownOld(Deployment d, ReplicaSet newRs, List<ReplicaSet> old,
      RolloutMath.Fenceposts fence, List<Action> actions) {
    int oldPods = old.stream().mapToInt(DeploymentPlanner::specReplicas).sum();
    if (oldPods == 0) {
      return;
    }
    int replicas = RolloutMath.replicas(d);
    int allPods = oldPods + specReplicas(newRs);
    int minAvailable = replicas - fence.maxUnavailable();
    int newUnavailable = Math.max(0, specReplicas(newRs) - newRs.statusOrEmpty().availableOrZero());
    int maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return;
    }
    Map<ReplicaSet, Integer> target = new LinkedHashMap<>();
    old.forEach(rs -> target.put(rs, specReplicas(rs)));
    int cleaned = 0;
    for (ReplicaSet rs : old) {
      int unhealthy = target.get(rs) - Math.min(target.get(rs), rs.statusOrEmpty().availableOrZero());
      int cut = Math.min(maxScaledDown - cleaned, unhealthy);
      if (cut > 0) {
        target.put(rs, target.get(rs) - cut);
        cleaned += cut;
      }
    }
    int available = newRs.statusOrEmpty().availableOrZero()
        + old.stream().mapToInt(rs -> Math.min(target.get(rs), rs.statusOrEmpty().availableOrZero())).sum();
    int budget = Math.min(maxScaledDown - cleaned, available - minAvailable);
    for (ReplicaSet rs : old) {
      if (budget <= 0) {
        break;
      }
      int cut = Math.min(target.get(rs), budget);
      if (cut > 0) {
        target.put(rs, target.get(rs) - cut);
        budget -= cut;
      }
    }
    target.forEach((rs, n) -> {
      if (n != specReplicas(rs)) {
        actions.add(new Scale(rs, n, oldAnnotations(d, rs, fence)));
      }
    });
  }

  /** Old sets beyond the history limit, with no replicas and no pods, oldest first. */
  private static void cleanUp(Deployment d, List<ReplicaSet> old, List<Action> actions) {
    int limit = d.spec().revisionHistoryLimit() == null ? 10 : d.spec().revisionHistoryLimit();
    List<ReplicaSet> idle = old.stream().filter(rs -> specReplicas(rs) == 0 && rs.statusOrEmpty().replicasOrZero() == 0
        && rs.metadata().deletionTimestamp() == null).toList();
    for (int i = 0; i < idle.size() - limit; i++) {
      actions.add(new Delete(idle.get(i)));
    }
  }

  /**
   * The set whose template is the Deployment's, the hash label aside (Kubernetes' EqualIgnoreHash);
   * a set that only has the expected name is not it (that is a collision, see DeploymentEntity).
   */
  private static ReplicaSet findNew(Deployment d, List<ReplicaSet> all) {
    for (ReplicaSet rs : all) {
      if (PodTemplateHash.sameVersion(rs.spec().template(), d.spec().template())) {
        return rs;
      }
    }
    return null;
  }

  /** The new version's ReplicaSet: the template with its hash label, selected by it too, owned by the Deployment. */
  private static ReplicaSet newReplicaSet(Deployment d, int replicas, String revision, RolloutMath.Fenceposts fence) {
    String hash = PodTemplateHash.of(d.spec().template(), d.statusOrEmpty().collisionCount());
    PodTemplateSpec template = d.spec().template();
    Map<String, String> labels = new LinkedHashMap<>(template.metadata().labelsOrEmpty());
    labels.put(PodTemplateHash.LABEL, hash);
    template = template.withMetadata(template.metadata().withLabels(labels));
    LabelSelector selector = d.spec().selector();
    Map<String, String> matchLabels = new LinkedHashMap<>(selector.matchLabels());
    matchLabels.put(PodTemplateHash.LABEL, hash);
    selector = new LabelSelector(selector.matchExpressions(), matchLabels);
    ObjectMeta meta = ObjectMeta.named(d.metadata().namespace(), d.metadata().name() + "-" + hash)
        .withLabels(labels)
        .withOwnerReferences(List.of(Owners.controllerRef(d)));
    ReplicaSet rs = ReplicaSet.of(meta, new ReplicaSetSpec(replicas, d.spec().minReadySeconds(), selector, template));
    return rs.withMetadata(meta.withAnnotations(annotations(d, rs, revision, fence)));
  }

  /** Kubernetes' calculateStatus and syncRolloutStatus. */
  static DeploymentStatus status(Deployment d, ReplicaSet newRs, List<ReplicaSet> all, boolean createdNew,
      boolean paused, Instant now) {
    int replicas = RolloutMath.replicas(d);
    int actual = all.stream().mapToInt(rs -> rs.statusOrEmpty().replicasOrZero()).sum();
    int updated = newRs == null || createdNew ? 0 : newRs.statusOrEmpty().replicasOrZero();
    int ready = all.stream().mapToInt(rs -> rs.statusOrEmpty().readyOrZero()).sum();
    int available = all.stream().mapToInt(rs -> rs.statusOrEmpty().availableOrZero()).sum();
    int total = all.stream().mapToInt(DeploymentPlanner::specReplicas).sum() + (createdNew ? specReplicas(newRs) : 0);
    int unavailable = Math.max(0, total - available);
    DeploymentStatus previous = d.statusOrEmpty();
    String at = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    List<DeploymentCondition> conditions = new ArrayList<>();
    boolean minimum = available >= replicas - RolloutMath.maxUnavailable(d);
    conditions.add(condition(previous.condition("Available"), "Available", minimum ? "True" : "False",
        minimum ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
        minimum ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", at, false));
    DeploymentStatus counted = new DeploymentStatus(d.metadata().generation(), actual, updated, ready, available,
        unavailable, List.of(), previous.collisionCount());
    conditions.add(progressing(d, previous, counted, newRs, createdNew, paused, at, now));
    return new DeploymentStatus(d.metadata().generation(), actual, updated, ready, available, unavailable,
        conditions, previous.collisionCount());
  }

  private static DeploymentCondition progressing(Deployment d, DeploymentStatus previous, DeploymentStatus next,
      ReplicaSet newRs, boolean createdNew, boolean paused, String at, Instant now) {
    DeploymentCondition current = previous.condition("Progressing");
    String rsName = newRs == null ? "" : newRs.metadata().name();
    if (paused) {
      return condition(current, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", at, false);
    }
    if (current != null && "DeploymentPaused".equals(current.reason())) {
      current = null; // resumed: progress is measured afresh
    }
    // A finished rollout stays finished while every pod is of the new version, even if some are
    // not available (a node died, a scale-up waits for room): no deadline runs then (Kubernetes'
    // isCompleteDeployment in syncRolloutStatus).
    if (current != null && "NewReplicaSetAvailable".equals(current.reason()) && !createdNew
        && orZero(next.replicas()) == orZero(next.updatedReplicas())) {
      return current;
    }
    if (complete(d, next)) {
      return condition(current, "Progressing", "True", "NewReplicaSetAvailable",
          "ReplicaSet \"" + rsName + "\" has successfully progressed.", at, !"NewReplicaSetAvailable".equals(
              current == null ? null : current.reason()));
    }
    if (createdNew) {
      return condition(current, "Progressing", "True", "NewReplicaSetCreated",
          "Created new replica set \"" + rsName + "\"", at, true);
    }
    if (current == null) {
      return condition(null, "Progressing", "True", "FoundNewReplicaSet",
          "Found new replica set \"" + rsName + "\"", at, true);
    }
    if (progressed(previous, next) || "NewReplicaSetAvailable".equals(current.reason())) {
      // Progress, or a new rollout begun after a finished one: the deadline counts from now.
      return condition(current, "Progressing", "True", "ReplicaSetUpdated",
          rsName == null || rsName.isEmpty() ? "Deployment \"" + d.metadata().name() + "\" is progressing."
              : "ReplicaSet \"" + rsName + "\" is progressing.", at, true);
    }
    Integer deadline = d.spec().progressDeadlineSeconds();
    if (deadline != null && "True".equals(current.status()) && current.lastUpdateTime() != null
        && Instant.parse(current.lastUpdateTime()).plusSeconds(deadline).isBefore(now)) {
      return condition(current, "Progressing", "False", "ProgressDeadlineExceeded",
          "ReplicaSet \"" + rsName + "\" has timed out progressing.", at, true);
    }
    return current;
  }

  /** Kubernetes' DeploymentProgressing: more updated, ready or available pods, or fewer old ones. */
  private static boolean progressed(DeploymentStatus before, DeploymentStatus after) {
    int oldBefore = orZero(before.replicas()) - orZero(before.updatedReplicas());
    int oldAfter = orZero(after.replicas()) - orZero(after.updatedReplicas());
    return orZero(after.updatedReplicas()) > orZero(before.updatedReplicas())
        || orZero(after.readyReplicas()) > orZero(before.readyReplicas())
        || orZero(after.availableReplicas()) > orZero(before.availableReplicas())
        || oldAfter < oldBefore;
  }

  /** Kubernetes' DeploymentComplete: every replica updated and available, and no old one left. */
  static boolean complete(Deployment d, DeploymentStatus status) {
    int replicas = RolloutMath.replicas(d);
    return orZero(status.updatedReplicas()) == replicas && orZero(status.replicas()) == replicas
        && orZero(status.availableReplicas()) == replicas
        && status.observedGeneration() != null && d.metadata().generation() != null
        && status.observedGeneration() >= d.metadata().generation();
  }

  /**
   * A condition with this state: the previous one's transition time kept when the status is the
   * same, and its update time kept too unless {@code touch}.
   */
  private static DeploymentCondition condition(DeploymentCondition previous, String type, String status, String reason,
      String message, String at, boolean touch) {
    boolean sameStatus = previous != null && status.equals(previous.status());
    String transition = sameStatus && previous.lastTransitionTime() != null ? previous.lastTransitionTime() : at;
    boolean same = sameStatus && reason.equals(previous.reason()) && message.equals(previous.message());
    String update = same && !touch && previous.lastUpdateTime() != null ? previous.lastUpdateTime() : at;
    if (same && previous.lastUpdateTime() != null && !touch) {
      return previous;
    }
    return new DeploymentCondition(type, status, update, transition, reason, message);
  }

  static long revision(ReplicaSet rs) {
    String value = rs.metadata().annotationsOrEmpty().get(REVISION);
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static int specReplicas(ReplicaSet rs) {
    return rs.spec().replicas() == null ? 1 : rs.spec().replicas();
  }

  private static boolean isRecreate(Deployment d) {
    return d.spec().strategy() != null && "Recreate".equals(d.spec().strategy().type());
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
