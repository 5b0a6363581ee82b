package io.coxswain.controller;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Taint;
import io.coxswain.api.core.Toleration;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Kubernetes' NoExecute rule for one pod on one node, as pure logic: a pod that does not tolerate
 * every NoExecute taint of its node is evicted now; one that tolerates them all stays for the
 * smallest {@code tolerationSeconds} among the tolerations it uses (counted from when the taint was
 * added: its {@code timeAdded}, or when it was first seen), or for ever when none of them sets it.
 */
final class TaintEviction {
  private TaintEviction() {}

  /**
   * When the pod must go: null for never, an instant not after {@code now} for at once.
   *
   * @param firstSeen when a taint without {@code timeAdded} was first seen (kubectl taint leaves it
   *     out; Kubernetes' controller then counts from when it noticed the taint)
   */
  static Instant due(Pod pod, List<Taint> taints, Instant now, Function<Taint, Instant> firstSeen) {
    List<Taint> noExecute = taints.stream().filter(t -> "NoExecute".equals(t.effect())).toList();
    if (noExecute.isEmpty()) {
      return null;
    }
    List<Toleration> used = new ArrayList<>();
    Instant since = null;
    for (Taint taint : noExecute) {
      Toleration match = null;
      for (Toleration t : pod.spec().tolerations()) {
        if (t.tolerates(taint)) {
          used.add(t);
          match = t;
        }
      }
      if (match == null) {
        return now;
      }
      Instant added = added(taint, firstSeen);
      since = since == null || added.isAfter(since) ? added : since;
    }
    Long seconds = minTolerationSeconds(used);
    if (seconds == null) {
      return null;
    }
    return seconds <= 0 ? now : since.plus(Duration.ofSeconds(seconds));
  }

  /** Kubernetes' getMinTolerationTime: the smallest tolerationSeconds set, or null when none is. */
  private static Long minTolerationSeconds(List<Toleration> used) {
    Long min = null;
    for (Toleration t : used) {
      if (t.tolerationSeconds() != null && (min == null || t.tolerationSeconds() < min)) {
        min = t.tolerationSeconds();
      }
    }
    return min;
  }

  private static Instant added(Taint taint, Function<Taint, Instant> firstSeen) {
    if (taint.timeAdded() != null && !taint.timeAdded().isEmpty()) {
      try {
        return Instant.parse(taint.timeAdded());
      } catch (DateTimeParseException e) {
        // counted from when it was first seen, as a taint without a time
      }
    }
    return firstSeen.apply(taint);
  }
}
