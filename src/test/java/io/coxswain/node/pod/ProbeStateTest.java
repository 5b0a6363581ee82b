package io.coxswain.node.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.core.Probe;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProbeStateTest {
  private static final Instant START = Instant.parse("2026-11-27T00:00:00Z");

  private static Probe probe(Integer delay, Integer period, Integer success, Integer failure) {
    return new Probe(null, null, null, delay, null, period, success, failure, null, null);
  }

  @Test
  void dueAfterTheInitialDelayThenEveryPeriod() {
    Probe p = probe(5, 2, null, null);
    assertThat(ProbeState.due(p, ProbeState.INITIAL, START, START.plusSeconds(4))).isFalse();
    assertThat(ProbeState.due(p, ProbeState.INITIAL, START, START.plusSeconds(5))).isTrue();
    ProbeState ran = ProbeState.INITIAL.after(p, true, START.plusSeconds(5));
    assertThat(ProbeState.due(p, ran, START, START.plusSeconds(6))).isFalse();
    assertThat(ProbeState.due(p, ran, START, START.plusSeconds(7))).isTrue();
    assertThat(ProbeState.due(p, ProbeState.INITIAL, null, START)).as("not started").isFalse();
  }

  @Test
  void thresholdsDecidePassingAndFailing() {
    Probe p = probe(null, null, 2, 3);
    ProbeState s = ProbeState.INITIAL.after(p, true, START);
    assertThat(s.passing()).as("one success of two").isFalse();
    s = s.after(p, true, START);
    assertThat(s.passing()).isTrue();
    s = s.after(p, false, START).after(p, false, START);
    assertThat(s.passing()).as("two failures of three keep it passing").isTrue();
    assertThat(s.failedFor(p)).isFalse();
    s = s.after(p, false, START);
    assertThat(s.passing()).isFalse();
    assertThat(s.failedFor(p)).isTrue();
  }
}
