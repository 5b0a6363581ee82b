package io.coxswain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Go's time.ParseDuration spellings, as kubectl flags and manifests use them. */
class GoDurationsTest {
  @Test
  void compoundAndFractionalDurationsParseAsGoParsesThem() {
    assertThat(GoDurations.parse("5m0s")).isEqualTo(Duration.ofMinutes(5));
    assertThat(GoDurations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDurations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDurations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDurations.parse("2h45m")).isEqualTo(Duration.ofMinutes(165));
    assertThat(GoDurations.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDurations.parse("0s")).isEqualTo(Duration.ZERO);
    assertThat(GoDurations.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
    for (String bad : new String[] {"", "5", "m", "-1s", "1s2", "1x", "1 s"}) {
      assertThatThrownBy(() -> GoDurations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void formatWritesWhatParseReads() {
    for (String text : java.util.List.of("1h", "1h30m", "1m30s", "500ms", "1.5s", "2h0m5s".replace("0m", ""))) {
      org.assertj.core.api.Assertions.assertThat(GoDurations.format(GoDurations.parse(text))).isEqualTo(text);
    }
  }
}
