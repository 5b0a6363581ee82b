package io.coxswain.apiserver.table;

import io.coxswain.api.ObjectMeta;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** A fixed clock and object metadata created a known time before it. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2025-01-10T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Fixtures() {}

  static String ago(long seconds) {
    return NOW.minusSeconds(seconds).toString();
  }

  static ObjectMeta meta(String namespace, String name, long ageSeconds) {
    return ObjectMeta.named(namespace, name).withCreationTimestamp(ago(ageSeconds)).withResourceVersion("7");
  }
}
