package io.coxswain.node.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.core.ContainerStatus;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodStatus;
import io.coxswain.node.RestartRules;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import io.coxswain.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Init containers and sidecars on the simulated runtime, step by step with a manual clock: the
 * kubelet's order (each init container alone and to completion, a sidecar started before the next
 * one and kept running, the app last), the status Kubernetes reports meanwhile, a failed init
 * container under restartPolicy Never, and sidecars stopped once the app has ended.
 */
class InitContainersTest {
  private final ManualClock clock = new ManualClock();
  private final SimulatedRuntime runtime = new SimulatedRuntime(clock, 1, Duration.ZERO, "10.251.0.0/24");
  private final PodSteps steps = new PodSteps(runtime, clock,
      new RestartRules.Backoff(Duration.ofSeconds(10), Duration.ofSeconds(300)), "127.0.0.9");

  private static Pod pod(String restartPolicy, String annotations) {
    String json = """
        {"kind":"Pod","metadata":{"name":"p","namespace":"default","uid":"uid-1","annotations":{%s}},
         "spec":{"restartPolicy":"%s","terminationGracePeriodSeconds":0,
          "initContainers":[{"name":"setup","image":"busybox"},
                            {"name":"proxy","image":"busybox","restartPolicy":"Always"},
                            {"name":"migrate","image":"busybox"}],
          "containers":[{"name":"app","image":"busybox"}]}}
        """.formatted(annotations, restartPolicy);
    return Json.decode(json.getBytes(StandardCharsets.UTF_8), "application/json", Pod.class);
  }

  private PodRuntime sync(Pod pod, PodRuntime state) {
    return steps.sync(new PodRef("n", "default", "p", "uid-1"), pod, state);
  }

  private static PodStatus status(Pod pod, PodRuntime state) {
    return PodStatusView.of(pod, state, "127.0.0.9", "simulated", "2026-01-01T00:00:00Z");
  }

  private static boolean started(PodRuntime state, String container) {
    ContainerRecord record = state.containers().get(container);
    return record != null && record.containerId() != null;
  }

  private static String waiting(List<ContainerStatus> statuses, int i) {
    return statuses.get(i).state().waiting() == null ? null : statuses.get(i).state().waiting().reason();
  }

  @Test
  void initContainersRunOneByOneThenSidecarsKeepRunningBesideTheApp() {
    Pod pod = pod("Always", """
        "simulated.coxswain.io/run-for.setup":"5s","simulated.coxswain.io/run-for.migrate":"5s"
        """);
    PodRuntime state = sync(pod, PodRuntime.empty());
    assertThat(started(state, "setup")).isTrue();
    assertThat(started(state, "proxy") || started(state, "migrate") || started(state, "app")).isFalse();
    PodStatus status = status(pod, state);
    assertThat(status.phase()).isEqualTo("Pending");
    assertThat(status.condition("Initialized").status()).isEqualTo("False");
    assertThat(status.condition("Initialized").reason()).isEqualTo("ContainersNotInitialized");
    assertThat(status.condition("Initialized").message())
        .isEqualTo("containers with incomplete status: [setup proxy migrate]");
    assertThat(waiting(status.containerStatuses(), 0)).isEqualTo("PodInitializing");
    assertThat(waiting(status.initContainerStatuses(), 1)).isEqualTo("PodInitializing");

    clock.advance(Duration.ofSeconds(6));
    state = sync(pod, state); // setup exited 0: the sidecar starts, and nothing after it yet
    assertThat(state.containers().get("setup").finished()).isTrue();
    assertThat(started(state, "proxy")).isTrue();
    assertThat(started(state, "migrate")).isFalse();

    state = sync(pod, state); // the sidecar runs: the next init container starts, the app still waits
    assertThat(started(state, "migrate")).isTrue();
    assertThat(started(state, "app")).isFalse();
    status = status(pod, state);
    assertThat(status.initContainerStatuses().get(0).ready()).isTrue(); // completed
    assertThat(status.initContainerStatuses().get(0).state().terminated().reason()).isEqualTo("Completed");

    clock.advance(Duration.ofSeconds(6));
    state = sync(pod, state); // migrate exited 0: the app starts
    assertThat(started(state, "app")).isTrue();
    state = sync(pod, state);
    status = status(pod, state);
    assertThat(status.phase()).isEqualTo("Running");
    assertThat(status.condition("Initialized").status()).isEqualTo("True");
    assertThat(status.condition("Ready").status()).isEqualTo("True");
    assertThat(status.initContainerStatuses().get(1).started()).isTrue();
    assertThat(status.initContainerStatuses().get(1).state().running()).isNotNull();
    assertThat(runtimeRunning(state, "proxy")).isTrue();
  }

  @Test
  void aSidecarThatCrashesRestartsWithoutSendingThePodBackToInitializing() {
    Pod pod = pod("Always", """
        "simulated.coxswain.io/run-for.setup":"1s","simulated.coxswain.io/run-for.migrate":"1s",
        "simulated.coxswain.io/run-for.proxy":"30s","simulated.coxswain.io/exit-code.proxy":"1"
        """);
    PodRuntime state = PodRuntime.empty();
    for (int i = 0; i < 6; i++) {
      state = sync(pod, state);
      clock.advance(Duration.ofSeconds(2));
    }
    assertThat(started(state, "app")).isTrue();
    clock.advance(Duration.ofSeconds(21)); // the sidecar started at 2 s and exited 1 at 32 s
    state = sync(pod, state); // so it restarts after its back-off, at 42 s
    assertThat(state.containers().get("proxy").waitingReason()).isEqualTo("CrashLoopBackOff");
    assertThat(status(pod, state).condition("Initialized").status()).isEqualTo("True");
    clock.advance(Duration.ofSeconds(10));
    state = sync(pod, state);
    assertThat(state.containers().get("proxy").restartCount()).isEqualTo(1);
    assertThat(started(state, "proxy")).isTrue();
  }

  @Test
  void aFailedInitContainerUnderNeverFailsThePodAndNothingAfterItStarts() {
    Pod pod = pod("Never", """
        "simulated.coxswain.io/run-for.setup":"1s","simulated.coxswain.io/exit-code.setup":"3"
        """);
    PodRuntime state = sync(pod, PodRuntime.empty());
    clock.advance(Duration.ofSeconds(2));
    state = sync(pod, state);
    state = sync(pod, state);
    assertThat(started(state, "proxy") || started(state, "app")).isFalse();
    PodStatus status = status(pod, state);
    assertThat(status.phase()).isEqualTo("Failed");
    assertThat(status.initContainerStatuses().get(0).state().terminated().exitCode()).isEqualTo(3);
    assertThat(PodRuntime.settled(pod, state)).isTrue();
  }

  @Test
  void aFailedInitContainerUnderAlwaysIsRetriedWithBackOff() {
    Pod pod = pod("Always", """
        "simulated.coxswain.io/run-for.setup":"1s","simulated.coxswain.io/exit-code.setup":"3"
        """);
    PodRuntime state = sync(pod, PodRuntime.empty());
    clock.advance(Duration.ofSeconds(2));
    state = sync(pod, state);
    assertThat(state.containers().get("setup").waitingReason()).isEqualTo("CrashLoopBackOff");
    assertThat(status(pod, state).phase()).isEqualTo("Pending");
    clock.advance(Duration.ofSeconds(10));
    state = sync(pod, state);
    assertThat(state.containers().get("setup").restartCount()).isEqualTo(1);
    assertThat(started(state, "proxy")).isFalse();
  }

  @Test
  void sidecarsStopOnceTheAppHasEndedAndThePhaseFollowsTheAppAlone() {
    Pod pod = pod("Never", """
        "simulated.coxswain.io/run-for.setup":"1s","simulated.coxswain.io/run-for.migrate":"1s",
        "simulated.coxswain.io/run-for.app":"5s"
        """);
    PodRuntime state = PodRuntime.empty();
    for (int i = 0; i < 5 && !started(state, "app"); i++) {
      state = sync(pod, state);
      clock.advance(Duration.ofSeconds(2));
    }
    assertThat(started(state, "app")).isTrue();
    clock.advance(Duration.ofSeconds(6));
    state = sync(pod, state); // the app exited 0 and will not restart: the sidecar is stopped
    assertThat(runtimeRunning(state, "proxy")).isFalse();
    state = sync(pod, state);
    assertThat(state.containers().get("proxy").finished()).isTrue();
    assertThat(status(pod, state).phase()).isEqualTo("Succeeded");
  }

  private boolean runtimeRunning(PodRuntime state, String container) {
    try {
      return runtime.inspect(state.containers().get(container).containerId()).running();
    } catch (io.coxswain.node.runtime.RuntimeFailure gone) {
      return false;
    }
  }

  @Test
  void aSidecarThatCrashesBeforeTheAppStartsHoldsBackEverythingAfterIt() {
    Pod pod = pod("Always", """
        "simulated.coxswain.io/run-for.setup":"1s","simulated.coxswain.io/run-for.proxy":"1s",
        "simulated.coxswain.io/exit-code.proxy":"1"
        """);
    PodRuntime state = PodRuntime.empty();
    for (int i = 0; i < 8; i++) {
      state = sync(pod, state);
      clock.advance(Duration.ofSeconds(2));
    }
    assertThat(state.containers().get("proxy").restartCount()).isGreaterThanOrEqualTo(1);
    assertThat(started(state, "migrate") || started(state, "app")).as("nothing after a crashing sidecar").isFalse();
    assertThat(status(pod, state).phase()).isEqualTo("Pending");
  }

  @Test
  void aSidecarDownWhenTheAppEndsStaysDownAndThePodSettles() {
    Pod pod = pod("Never", """
        "simulated.coxswain.io/run-for.proxy":"3s","simulated.coxswain.io/exit-code.proxy":"1",
        "simulated.coxswain.io/run-for.app":"4s"
        """);
    PodRuntime state = PodRuntime.empty();
    for (int i = 0; i < 6 && !started(state, "app"); i++) {
      state = sync(pod, state);
      clock.advance(Duration.ofMillis(500));
    }
    assertThat(started(state, "app")).isTrue();
    clock.advance(Duration.ofSeconds(10)); // the sidecar exited 1 (back-off), then the app ended
    state = sync(pod, state);
    state = sync(pod, state);
    assertThat(state.containers().get("proxy").finished()).isTrue();
    assertThat(PodRuntime.settled(pod, state)).isTrue();
    PodStatus status = status(pod, state);
    assertThat(status.phase()).isEqualTo("Succeeded");
    assertThat(status.initContainerStatuses().get(1).state().terminated()).isNotNull();
    assertThat(status.condition("Ready").reason()).isEqualTo("PodCompleted");
  }
}
