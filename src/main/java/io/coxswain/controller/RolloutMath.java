package io.coxswain.controller;

import io.coxswain.api.apps.Deployment;
import io.coxswain.api.apps.RollingUpdateDeployment;
import io.coxswain.api.core.IntOrString;

/**
 * The numbers a rolling update works with, as Kubernetes resolves them (ResolveFenceposts):
 * {@code maxSurge} as a count or a percentage of the desired replicas rounded up,
 * {@code maxUnavailable} rounded down, and never both zero (then one pod may be unavailable).
 * Recreate has neither. Pure.
 */
final class RolloutMath {
  private RolloutMath() {}

  record Fenceposts(int maxSurge, int maxUnavailable) {}

  static Fenceposts fenceposts(Deployment d) {
    int replicas = replicas(d);
    if (d.spec().strategy() == null || !"RollingUpdate".equals(d.spec().strategy().type())) {
      return new Fenceposts(0, 0);
    }
    RollingUpdateDeployment rolling = d.spec().strategy().rollingUpdate();
    int surge = scaled(rolling == null ? null : rolling.maxSurge(), replicas, true);
    int unavailable = scaled(rolling == null ? null : rolling.maxUnavailable(), replicas, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new Fenceposts(surge, unavailable);
  }

  /** A count, or a percentage of {@code total} rounded up or down; an absent value is 25%, as defaulted. */
  static int scaled(IntOrString value, int total, boolean roundUp) {
    if (value == null) {
      value = IntOrString.of("25%");
    }
    if (value.isInt()) {
      return value.intValue();
    }
    String s = value.stringValue().trim();
    int percent = Integer.parseInt(s.endsWith("%") ? s.substring(0, s.length() - 1) : s);
    double exact = percent * (double) total / 100.0;
    return (int) (roundUp ? Math.ceil(exact) : Math.floor(exact));
  }

  static int replicas(Deployment d) {
    return d.spec().replicas() == null ? 1 : d.spec().replicas();
  }

  /**
   * Kubernetes' max unavailable for the Available condition: none for Recreate, the resolved
   * value capped at the replicas for RollingUpdate.
   */
  static int maxUnavailable(Deployment d) {
    Fenceposts f = fenceposts(d);
    return Math.min(f.maxUnavailable(), replicas(d));
  }
}
