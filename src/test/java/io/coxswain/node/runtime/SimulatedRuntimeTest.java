package io.coxswain.node.runtime;

import io.coxswain.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedRuntimeTest {
  /** A clock the test moves by hand. */
  private static final PodRef POD = new PodRef("node-a", "default", "web", "uid-1");

  private static ContainerConfig container(String name, int attempt) {
    return new ContainerConfig(POD, name, attempt, "busybox", "IfNotPresent", List.of("sh"), List.of(), Map.of(), null,
        null, null, List.of());
  }

  @Test
  void containersStartAfterTheLatencyRunThenExitAsAnnotated() throws Exception {
    ManualClock clock = new ManualClock();
    SimulatedRuntime runtime = new SimulatedRuntime(clock, 42, Duration.ofMillis(300), "10.244.1.0/24");
    SandboxInfo sandbox = runtime.runSandbox(new SandboxConfig(POD, Map.of(
        "simulated.coxswain.io/run-for.crasher", "5s",
        "simulated.coxswain.io/exit-code.crasher", "3")));
    assertThat(sandbox.podIp()).isEqualTo("10.244.1.2");
    String server = runtime.startContainer(sandbox.id(), container("server", 0));
    String crasher = runtime.startContainer(sandbox.id(), container("crasher", 0));
    assertThat(runtime.inspect(server).phase()).isEqualTo(ContainerState.Phase.CREATED);

    clock.advance(Duration.ofSeconds(1));
    assertThat(runtime.inspect(server).running()).isTrue();
    assertThat(runtime.inspect(crasher).running()).isTrue();

    clock.advance(Duration.ofSeconds(5));
    ContainerState crashed = runtime.inspect(crasher);
    assertThat(crashed.exited()).isTrue();
    assertThat(crashed.exitCode()).isEqualTo(3);
    assertThat(crashed.reason()).isEqualTo("Error");
    assertThat(crashed.finishedAt()).isEqualTo(Instant.parse("2026-11-27T00:00:05.300Z"));
    assertThat(runtime.inspect(server).running()).as("only the annotated container exits").isTrue();

    runtime.stopContainer(server, Duration.ofSeconds(30));
    assertThat(runtime.inspect(server).exitCode()).isEqualTo(143);
    assertThat(runtime.listOwned("node-a")).extracting(OwnedObject::container).containsExactly(null, "server", "crasher");
    assertThat(runtime.listOwned("node-b")).isEmpty();

    runtime.removeSandbox(sandbox.id());
    assertThat(runtime.listOwned("node-a")).isEmpty();
    assertThatThrownBy(() -> runtime.inspect(server)).isInstanceOf(RuntimeFailure.class);
  }

  @Test
  void pullErrorsAreReportedWithKubernetesReason() throws Exception {
    SimulatedRuntime runtime = new SimulatedRuntime(Clock.systemUTC(), 1, Duration.ZERO, "10.244.2.0/24");
    SandboxInfo sandbox = runtime.runSandbox(new SandboxConfig(POD,
        Map.of("simulated.coxswain.io/pull-error", "manifest unknown")));
    assertThatThrownBy(() -> runtime.startContainer(sandbox.id(), container("c", 0)))
        .isInstanceOfSatisfying(RuntimeFailure.class, f -> {
          assertThat(f.reason()).isEqualTo("ErrImagePull");
          assertThat(f.getMessage()).contains("manifest unknown");
        });
  }

  /**
   * A node runs many more pods in its life than its /24 holds at once: an address comes back when
   * its sandbox is removed, handed out again only after the others (round robin), and a full
   * subnet refuses the next sandbox with Kubernetes' reason.
   */
  @Test
  void podAddressesAreReusedOnceTheirSandboxIsGone() throws Exception {
    SimulatedRuntime runtime = new SimulatedRuntime(Clock.systemUTC(), 3, Duration.ZERO, "10.244.4.0/24");
    List<SandboxInfo> held = new java.util.ArrayList<>();
    for (int i = 0; i < 253; i++) {
      held.add(runtime.runSandbox(new SandboxConfig(POD, Map.of())));
    }
    assertThat(held.get(0).podIp()).isEqualTo("10.244.4.2");
    assertThat(held.get(252).podIp()).isEqualTo("10.244.4.254");
    assertThatThrownBy(() -> runtime.runSandbox(new SandboxConfig(POD, Map.of())))
        .isInstanceOfSatisfying(RuntimeFailure.class, f -> assertThat(f.reason()).isEqualTo("FailedCreatePodSandBox"));

    runtime.removeSandbox(held.get(10).id());
    runtime.removeSandbox(held.get(3).id());
    assertThat(runtime.runSandbox(new SandboxConfig(POD, Map.of())).podIp()).isEqualTo("10.244.4.5");
    assertThat(runtime.runSandbox(new SandboxConfig(POD, Map.of())).podIp()).isEqualTo("10.244.4.12");

    // Over a long life: a thousand pods, never more than two at a time.
    SimulatedRuntime churn = new SimulatedRuntime(Clock.systemUTC(), 4, Duration.ZERO, "10.244.5.0/24");
    SandboxInfo previous = churn.runSandbox(new SandboxConfig(POD, Map.of()));
    for (int i = 0; i < 1000; i++) {
      SandboxInfo next = churn.runSandbox(new SandboxConfig(POD, Map.of()));
      assertThat(next.podIp()).isNotEqualTo(previous.podIp());
      churn.removeSandbox(previous.id());
      previous = next;
    }
  }

  @Test
  void theSameSeedGivesTheSameIds() throws Exception {
    SimulatedRuntime a = new SimulatedRuntime(Clock.systemUTC(), 7, Duration.ZERO, "10.244.3.0/24");
    SimulatedRuntime b = new SimulatedRuntime(Clock.systemUTC(), 7, Duration.ZERO, "10.244.3.0/24");
    assertThat(a.runSandbox(new SandboxConfig(POD, Map.of()))).isEqualTo(b.runSandbox(new SandboxConfig(POD, Map.of())));
  }
}
