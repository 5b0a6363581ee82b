package io.coxswain.node;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go-style durations as manifests and kubectl flags write them (Go's time.ParseDuration): a
 * sequence of decimal numbers, each with a unit — ns, us (or µs), ms, s, m, h — such as 500ms,
 * 3s, 1m30s, 5m0s or 1.5h; "0" alone is zero. Negative durations are refused.
 *
 * @throws IllegalArgumentException for anything else
 */
public final class GoDurations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  private GoDurations() {}

  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(t);
    int at = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (at < t.length() && m.find(at) && m.start() == at) {
      BigDecimal value = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      nanos = nanos.add(value.multiply(BigDecimal.valueOf(unit)));
      at = m.end();
    }
    if (at == 0 || at != t.length()) {
      throw new IllegalArgumentException("not a duration: " + text + " (e.g. 500ms, 30s, 1m30s, 5m0s)");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** {@code 1h}, {@code 1m30s}, {@code 500ms}: a duration in the form {@link #parse} reads (to the millisecond). */
  public static String format(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    StringBuilder out = new StringBuilder();
    if (d.toHours() > 0) {
      out.append(d.toHours()).append('h');
    }
    if (d.toMinutesPart() > 0) {
      out.append(d.toMinutesPart()).append('m');
    }
    if (d.toSecondsPart() > 0 || d.toMillisPart() > 0) {
      out.append(d.toSecondsPart());
      if (d.toMillisPart() > 0) {
        out.append('.').append(String.format("%03d", d.toMillisPart()).replaceAll("0+$", ""));
      }
      out.append('s');
    }
    return out.toString();
  }
}
