package io.coxswain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestartRulesTest {
  @Test
  void restartPolicies() {
    assertThat(RestartRules.shouldRestart("Always", 0)).isTrue();
    assertThat(RestartRules.shouldRestart("Always", 1)).isTrue();
    assertThat(RestartRules.shouldRestart("OnFailure", 0)).isFalse();
    assertThat(RestartRules.shouldRestart("OnFailure", 137)).isTrue();
    assertThat(RestartRules.shouldRestart("Never", 1)).isFalse();
    assertThat(RestartRules.shouldRestart(null, 0)).as("defaulted to Always").isTrue();
  }

  @Test
  void crashLoopBackOffDoublesFromTenSecondsToFiveMinutes() {
    RestartRules.Backoff backoff = new RestartRules.Backoff(Duration.ofSeconds(10), Duration.ofSeconds(300));
    assertThat(java.util.stream.IntStream.range(0, 8).mapToObj(backoff::delay).map(Duration::getSeconds))
        .containsExactly(10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L);
    assertThat(backoff.delay(1_000_000)).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void podsMayChooseTheirOwnBackoff() {
    RestartRules.Backoff cluster = new RestartRules.Backoff(Duration.ofSeconds(10), Duration.ofSeconds(300));
    RestartRules.Backoff pod = cluster.forPod(Map.of(RestartRules.BACKOFF_ANNOTATION, "500ms,2s"));
    assertThat(pod.delay(0)).isEqualTo(Duration.ofMillis(500));
    assertThat(pod.delay(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(cluster.forPod(Map.of())).isSameAs(cluster);
    assertThatThrownBy(() -> cluster.forPod(Map.of(RestartRules.BACKOFF_ANNOTATION, "soon")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cluster.forPod(Map.of(RestartRules.BACKOFF_ANNOTATION, "5s,1s")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
