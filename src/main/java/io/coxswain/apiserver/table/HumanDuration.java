package io.coxswain.apiserver.table;

import java.time.Duration;

/**
 * Kubernetes' {@code duration.HumanDuration}: the compact ages kubectl prints ("45s", "3m20s",
 * "5h", "2d3h", "1y30d"). Precision drops as the duration grows, at the same thresholds as
 * Kubernetes, so our AGE columns read exactly like a real cluster's.
 */
public final class HumanDuration {
  private HumanDuration() {}

  public static String format(Duration d) {
    long seconds = d.getSeconds();
    // Up to a second into the future is clock skew between machines; treat it as "now".
    if (seconds < -1) {
      return "<invalid>";
    }
    if (seconds < 0) {
      return "0s";
    }
    if (seconds < 120) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      return withRemainder(minutes, "m", seconds % 60, "s");
    }
    if (minutes < 3 * 60) {
      return minutes + "m";
    }
    long hours = seconds / 3600;
    if (hours < 8) {
      return withRemainder(hours, "h", minutes % 60, "m");
    }
    if (hours < 48) {
      return hours + "h";
    }
    if (hours < 24 * 8) {
      return withRemainder(hours / 24, "d", hours % 24, "h");
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    }
    if (hours < 24 * 365 * 8) {
      long days = hours / 24;
      return withRemainder(days / 365, "y", days % 365, "d");
    }
    return hours / 24 / 365 + "y";
  }

  private static String withRemainder(long major, String majorUnit, long minor, String minorUnit) {
    return minor == 0 ? major + majorUnit : major + majorUnit + minor + minorUnit;
  }
}
