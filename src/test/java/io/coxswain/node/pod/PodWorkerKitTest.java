package io.coxswain.node.pod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.Json;
import io.coxswain.api.core.Pod;
import io.coxswain.node.NodeAgent;
import io.coxswain.node.NodeFacts;
import io.coxswain.node.RestartRules;
import io.coxswain.node.runtime.OwnedObject;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.SandboxConfig;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import io.coxswain.registry.EventRecorder;
import io.coxswain.testing.Http;
import io.coxswain.testing.ManualClock;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PodWorker and NodeAgent spawned by Pekko's ActorTestKit on the simulated runtime, with a manual
 * clock: restart policies, the exact CrashLoopBackOff delays, probes, and re-adoption by a new
 * agent. The store is a real one (a test member whose own agent never sees these pods: they are
 * bound to nodes no member runs).
 */
@Tag("integration")
class PodWorkerKitTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static TestNode node;
  private static ActorTestKit kit;
  private static Http http;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of("coxswain.scheduler.enabled", false, "coxswain.controllers.enabled", false));
    kit = ActorTestKit.create(node.node().system());
    http = new Http(node.url());
  }

  @AfterAll
  static void stop() {
    node.close(); // the kit runs on the member's actor system, which this terminates
  }

  private record Worker(ActorRef<PodWorker.Command> ref, String name) {}

  private static Pod create(String name, String nodeName, String restartPolicy, Map<String, String> annotations,
      String containerExtra) {
    StringBuilder ann = new StringBuilder();
    annotations.forEach((k, v) -> ann.append(ann.length() == 0 ? "" : ",").append('"').append(k).append("\":\"")
        .append(v).append('"'));
    String body = "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"annotations\":{" + ann + "}},"
        + "\"spec\":{\"nodeName\":\"" + nodeName + "\",\"restartPolicy\":\"" + restartPolicy + "\","
        + "\"terminationGracePeriodSeconds\":0,\"containers\":[{\"name\":\"c\",\"image\":\"busybox:1\""
        + containerExtra + "}]}}";
    Http.Reply reply = http.post(PODS, "application/json", body);
    assertThat(reply.code()).as(reply.body()).isEqualTo(201);
    return Json.decode(reply.body().getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", Pod.class);
  }

  private static Worker worker(String restartPolicy, Map<String, String> annotations, String containerExtra,
      ManualClock clock) {
    String name = "kit-" + SEQ.incrementAndGet();
    String nodeName = "kit-node-" + name;
    Pod pod = create(name, nodeName, restartPolicy, annotations, containerExtra);
    SimulatedRuntime runtime = new SimulatedRuntime(clock, 7, Duration.ZERO, "10.250.0.0/24");
    PodWorker.Context ctx = new PodWorker.Context(nodeName, "127.0.0.9", "simulated", node.node().client(),
        node.node().system().dispatchers().lookup(DispatcherSelector.blocking()), clock, Duration.ofMillis(20),
        Duration.ofMillis(200), new EventRecorder(node.node().client(), "kubelet", nodeName, clock));
    PodSteps steps = new PodSteps(runtime, clock, new RestartRules.Backoff(Duration.ofSeconds(10),
        Duration.ofSeconds(300)), "127.0.0.9");
    return new Worker(kit.spawn(PodWorker.create(ctx, steps, pod)), name);
  }

  private static JsonNode container(String pod) {
    return http.get(PODS + "/" + pod).json().at("/status/containerStatuses/0");
  }

  private static String phase(String pod) {
    return http.get(PODS + "/" + pod).json().at("/status/phase").asText();
  }

  private static boolean running(String pod, int restarts) {
    JsonNode c = container(pod);
    return c.at("/state/running").isObject() && c.at("/restartCount").asInt() == restarts;
  }

  private static boolean backingOff(String pod, int restarts) {
    JsonNode c = container(pod);
    return c.at("/state/waiting/reason").asText().equals("CrashLoopBackOff") && c.at("/restartCount").asInt() == restarts;
  }

  /** The worker syncs every 20 ms; nothing may change for 25 of them. */
  private static void staysBackingOff(String pod, int restarts) {
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> backingOff(pod, restarts));
  }

  @Test
  void crashLoopBackOffDoublesFromTenSecondsOnTheClock() {
    ManualClock clock = new ManualClock();
    Worker w = worker("Always", Map.of("simulated.coxswain.io/run-for", "1s", "simulated.coxswain.io/exit-code", "1"),
        "", clock);
    await().atMost(Duration.ofSeconds(10)).until(() -> running(w.name(), 0));
    clock.advance(Duration.ofSeconds(1)); // it exits with 1
    await().atMost(Duration.ofSeconds(10)).until(() -> backingOff(w.name(), 1));
    assertThat(container(w.name()).at("/lastState/terminated/exitCode").asInt()).isEqualTo(1);
    assertThat(container(w.name()).at("/state/waiting/message").asText()).contains("back-off 10s");
    clock.advance(Duration.ofMillis(9_900));
    staysBackingOff(w.name(), 1);
    clock.advance(Duration.ofMillis(100)); // 10 s after the exit
    await().atMost(Duration.ofSeconds(10)).until(() -> running(w.name(), 1));
    clock.advance(Duration.ofSeconds(1)); // second exit: 20 s now
    await().atMost(Duration.ofSeconds(10)).until(() -> backingOff(w.name(), 2));
    assertThat(container(w.name()).at("/state/waiting/message").asText()).contains("back-off 20s");
    clock.advance(Duration.ofMillis(19_900));
    staysBackingOff(w.name(), 2);
    clock.advance(Duration.ofMillis(100));
    await().atMost(Duration.ofSeconds(10)).until(() -> running(w.name(), 2));
    kit.stop(w.ref());
  }

  @Test
  void onFailureAndNeverFollowTheExitCode() {
    ManualClock clock = new ManualClock();
    Worker succeeds = worker("OnFailure", Map.of("simulated.coxswain.io/run-for", "1s"), "", clock);
    Worker fails = worker("OnFailure", Map.of("simulated.coxswain.io/run-for", "1s",
        "simulated.coxswain.io/exit-code", "2"), "", clock);
    Worker never = worker("Never", Map.of("simulated.coxswain.io/run-for", "1s",
        "simulated.coxswain.io/exit-code", "3"), "", clock);
    await().atMost(Duration.ofSeconds(10)).until(() -> running(succeeds.name(), 0) && running(fails.name(), 0)
        && running(never.name(), 0));
    clock.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> phase(succeeds.name()).equals("Succeeded")
        && phase(never.name()).equals("Failed") && backingOff(fails.name(), 1));
    assertThat(container(succeeds.name()).at("/state/terminated/reason").asText()).isEqualTo("Completed");
    assertThat(container(never.name()).at("/state/terminated/exitCode").asInt()).isEqualTo(3);
    assertThat(container(never.name()).at("/restartCount").asInt()).isZero();
    clock.advance(Duration.ofSeconds(10));
    await().atMost(Duration.ofSeconds(10)).until(() -> running(fails.name(), 1));
    List.of(succeeds, fails, never).forEach(w -> kit.stop(w.ref()));
  }

  @Test
  void probesGateReadinessAndRestartOnLivenessAndStartupFailures() {
    ManualClock clock = new ManualClock();
    String probe = "{\"exec\":{\"command\":[\"true\"]},\"periodSeconds\":1,\"failureThreshold\":2}";
    Worker ready = worker("Always", Map.of("simulated.coxswain.io/ready-after", "5s"),
        ",\"readinessProbe\":" + probe, clock);
    Worker live = worker("Always", Map.of("simulated.coxswain.io/live-for", "3s"), ",\"livenessProbe\":" + probe, clock);
    Worker startup = worker("Always", Map.of("simulated.coxswain.io/ready-after", "1h"),
        ",\"startupProbe\":" + probe, clock);
    await().atMost(Duration.ofSeconds(10)).until(() -> running(ready.name(), 0) && running(live.name(), 0)
        && running(startup.name(), 0));
    // t=0: every probe ran once and failed (readiness before 5 s, startup before 1 h).
    await().atMost(Duration.ofSeconds(10)).until(() -> events(ready.name()).stream().anyMatch(m -> m.startsWith("Readiness probe failed: "))
        && events(startup.name()).stream().anyMatch(m -> m.startsWith("Startup probe failed: ")));
    assertThat(container(ready.name()).at("/ready").asBoolean()).isFalse();
    assertThat(container(live.name()).at("/ready").asBoolean()).isTrue();
    // t=3: the liveness probe fails for the first time; the startup probe fails a second time
    // (threshold 2), so that container is stopped and backs off like any exit.
    clock.advance(Duration.ofSeconds(3));
    await().atMost(Duration.ofSeconds(10)).until(() -> events(live.name()).stream().anyMatch(m -> m.startsWith("Liveness probe failed: "))
        && backingOff(startup.name(), 1));
    assertThat(running(live.name(), 0)).isTrue();
    assertThat(container(ready.name()).at("/ready").asBoolean()).isFalse();
    // t=4: the second liveness failure restarts it.
    clock.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> backingOff(live.name(), 1));
    assertThat(events(live.name())).contains("Container c failed liveness probe, will be restarted");
    assertThat(events(startup.name())).contains("Container c failed startup probe, will be restarted");
    // t=5: the readiness probe passes.
    clock.advance(Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> container(ready.name()).at("/ready").asBoolean());
    List.of(ready, live, startup).forEach(w -> kit.stop(w.ref()));
  }

  private static List<String> events(String pod) {
    List<String> messages = new java.util.ArrayList<>();
    http.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3D" + pod).json().get("items")
        .forEach(e -> messages.add(e.get("message").asText()));
    return messages;
  }

  @Test
  void aNewAgentReadoptsRunningContainersAndRemovesStrangers() throws Exception {
    ManualClock clock = new ManualClock();
    String nodeName = "kit-agent";
    SimulatedRuntime runtime = new SimulatedRuntime(clock, 11, Duration.ZERO, "10.251.0.0/24");
    NodeAgent.Settings settings = new NodeAgent.Settings(Duration.ofHours(1), Duration.ofMillis(20),
        new RestartRules.Backoff(Duration.ofSeconds(10), Duration.ofSeconds(300)));
    NodeFacts facts = new NodeFacts(nodeName, Map.of(), "127.0.0.9", 4, 8L << 30, 110, runtime.version(), "test",
        "0", "amd64", "boot", 0, null, null);
    ActorRef<NodeAgent.Command> first = kit.spawn(NodeAgent.create(node.node().store().cache(), node.node().client(), facts, runtime, settings, clock));
    create("adopted", nodeName, "Always", Map.of(), "");
    await().atMost(Duration.ofSeconds(10)).until(() -> running("adopted", 0));
    String containerId = container("adopted").get("containerID").asText();
    String uid = http.get(PODS + "/adopted").json().at("/metadata/uid").asText();

    kit.stop(first); // the agent and its workers go; the runtime's containers stay
    runtime.runSandbox(new SandboxConfig(new PodRef(nodeName, "default", "stray", "stray-uid"), Map.of()));
    assertThat(owned(runtime, nodeName, "stray-uid")).hasSize(1);

    ActorRef<NodeAgent.Command> second = kit.spawn(NodeAgent.create(node.node().store().cache(), node.node().client(), facts, runtime, settings,
        clock));
    await().atMost(Duration.ofSeconds(10)).until(() -> owned(runtime, nodeName, "stray-uid").isEmpty());
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> running("adopted", 0)
        && container("adopted").get("containerID").asText().equals(containerId)
        && owned(runtime, nodeName, uid).size() == 2); // its sandbox and its one container: no duplicates
    kit.stop(second);
  }

  private static List<OwnedObject> owned(SimulatedRuntime runtime, String node, String uid) {
    return runtime.listOwned(node).stream().filter(o -> uid.equals(o.pod().uid())).toList();
  }
}
