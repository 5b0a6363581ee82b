package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.core.PodTemplateSpec;
import java.time.Duration;

/**
 * The talk's ReplicationController rolling update, kept on the RC itself so that it lives in the
 * store and any member's controller can carry it on: {@code cox rolling-update} writes the new
 * template and the annotation {@value #ANNOTATION} (the update period, in seconds); the RC's
 * controller then replaces its pods one at a time — one new pod beside the old ones, and an old
 * one deleted once the new one has been ready for the update period — and removes the annotation
 * when no old pod is left. {@value #PREVIOUS} holds the template before, for {@code cox rollback}.
 * Pods are told apart by {@value #POD_HASH}, the hash of the template they were made from.
 *
 * @param templateHash the hash of the RC's current template
 * @param period how long a new pod must be ready before an old one goes
 */
public record RollingUpdateSpec(String templateHash, Duration period) {
  public static final String ANNOTATION = "coxswain.io/rolling-update-period-seconds";
  public static final String PREVIOUS = "coxswain.io/previous-template";
  public static final String POD_HASH = "coxswain.io/template-hash";

  /** The rolling update an RC asks for, or null. */
  static RollingUpdateSpec of(KubeObject rc, PodTemplateSpec template) {
    String period = rc.metadata().annotationsOrEmpty().get(ANNOTATION);
    if (period == null || template == null) {
      return null;
    }
    long seconds;
    try {
      seconds = Math.max(0, Long.parseLong(period.trim()));
    } catch (NumberFormatException e) {
      seconds = 0;
    }
    return new RollingUpdateSpec(PodTemplateHash.of(template, null), Duration.ofSeconds(seconds));
  }

  /** The hash a pod was made from (null for pods from before hashes were stamped). */
  public static String hashOf(KubeObject pod) {
    return pod.metadata().annotationsOrEmpty().get(POD_HASH);
  }
}
