package io.coxswain.node.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.node.runtime.ContainerState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pod phase as the kubelet computes it from its containers. */
class PodPhaseTest {
  private static final Instant T = Instant.parse("2026-11-30T08:00:00Z");

  private static ContainerRecord with(ContainerState.Phase phase, Integer exitCode) {
    return ContainerRecord.fresh("c").started("id").observed(new ContainerState("id", phase, exitCode, null, null,
        phase == ContainerState.Phase.CREATED ? null : T, exitCode == null ? null : T));
  }

  @Test
  void aContainerCreatedButNotStartedKeepsThePodPending() {
    assertThat(PodStatusView.phase("Always", Map.of("c", ContainerRecord.fresh("c")))).isEqualTo("Pending");
    assertThat(PodStatusView.phase("Always", Map.of("c", with(ContainerState.Phase.CREATED, null))))
        .isEqualTo("Pending");
    assertThat(PodStatusView.phase("Always", Map.of("c", with(ContainerState.Phase.RUNNING, null))))
        .isEqualTo("Running");
    assertThat(PodStatusView.phase("Always", Map.of("a", with(ContainerState.Phase.RUNNING, null),
        "b", with(ContainerState.Phase.CREATED, null)))).isEqualTo("Pending");
  }
}
