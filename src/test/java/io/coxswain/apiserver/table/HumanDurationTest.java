package io.coxswain.apiserver.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

  @ParameterizedTest(name = "{0}s -> {1}")
  @CsvSource({
      "-2, <invalid>",
      "-1, 0s",
      "0, 0s",
      "5, 5s",
      "119, 119s",
      "120, 2m",
      "200, 3m20s",
      "599, 9m59s",
      "600, 10m",
      "10799, 179m",
      "10800, 3h",
      "11400, 3h10m",
      "28799, 7h59m",
      "28800, 8h",
      "172799, 47h",
      "172800, 2d",
      "183600, 2d3h",
      "691199, 7d23h",
      "691200, 8d",
      "63071999, 729d",
      "63072000, 2y",
      "65664000, 2y30d",
      "252288000, 8y",
      "315360000, 10y"})
  void formatsLikeKubernetes(long seconds, String expected) {
    assertEquals(expected, HumanDuration.format(Duration.ofSeconds(seconds)));
  }

  @org.junit.jupiter.api.Test
  void subSecondFractionsAreDropped() {
    assertEquals("1s", HumanDuration.format(Duration.ofMillis(1999)));
    assertEquals("0s", HumanDuration.format(Duration.ofMillis(-999)));
  }
}
