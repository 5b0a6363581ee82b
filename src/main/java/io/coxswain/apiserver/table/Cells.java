package io.coxswain.apiserver.table;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Cell formatting shared by the printers, following the Kubernetes printers' conventions. */
final class Cells {
  static final String NONE = "<none>";
  static final String UNKNOWN = "<unknown>";

  private Cells() {}

  /** An RFC 3339 timestamp (as stored) to an instant; null when absent or unreadable. */
  static Instant parse(String timestamp) {
    if (timestamp == null || timestamp.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(timestamp).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The age of a timestamp as HumanDuration, or "&lt;unknown&gt;" when there is none. */
  static String since(String timestamp, Instant now) {
    Instant then = parse(timestamp);
    return then == null ? UNKNOWN : HumanDuration.format(Duration.between(then, now));
  }

  /** Labels as a selector string, keys sorted ("app=web,tier=front"); "&lt;none&gt;" when empty. */
  static String labels(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return NONE;
    }
    return new TreeMap<>(labels).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  static String orNone(String value) {
    return value == null || value.isEmpty() ? NONE : value;
  }

  static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  static long orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
