package io.coxswain.node;

import java.time.Duration;

/** Go-style durations as manifests write them: 500ms, 3s, 2m, 1h. */
public final class GoDurations {
  private GoDurations() {}

  public static Duration parse(String text) {
    String t = text.trim();
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long amount = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException("not a duration: " + text);
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("not a duration: " + text, e);
    }
  }
}
