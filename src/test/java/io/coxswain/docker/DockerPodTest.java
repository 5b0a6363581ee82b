package io.coxswain.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.coxswain.node.runtime.RuntimeLabels;
import io.coxswain.testing.DockerSupport;
import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.TestNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pods on a real Docker Engine: shared localhost and emptyDir, cgroup limits, restart policies
 * with CrashLoopBackOff, probes, logs through kubectl, and bad input ending in the status a
 * Kubernetes user expects — all through the real API, store and node agent.
 */
@Tag("integration")
class DockerPodTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static DockerClient docker;
  private static TestNode node;
  private static Http http;
  private static Kubectl kubectl;
  private static String nodeName;

  @BeforeAll
  static void start() {
    docker = DockerSupport.requireDocker();
    nodeName = "docker-pods";
    node = TestNode.named(nodeName, Map.of("coxswain.node.runtime", "docker", "coxswain.node.pod-sync-period", "200ms",
        "coxswain.node.pod-subnet", "10.244.21.0/24"));
    http = new Http(node.url());
    kubectl = new Kubectl(node.url());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    DockerSupport.removeNodeContainers(docker, nodeName);
    docker.close();
  }

  /** A pod bound to this node, from YAML, through kubectl apply. */
  private static void apply(String yaml) throws Exception {
    Path file = Files.createTempFile("pod-", ".yaml");
    Files.writeString(file, yaml);
    Kubectl.Result result = kubectl.run("apply", "-f", file.toString());
    assertThat(result.exitCode()).as(result.all()).isZero();
  }

  private static String pod(String name, String restartPolicy, String annotations, String containers) {
    return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  annotations: {" + annotations + "}\n"
        + "spec:\n  nodeName: " + nodeName + "\n  restartPolicy: " + restartPolicy
        + "\n  terminationGracePeriodSeconds: 1\n" + containers;
  }

  private static JsonNode status(String name) {
    return http.get(PODS + "/" + name).json().get("status");
  }

  /** Waits up to 60 s for the pod's status to pass {@code until}; a timeout says what the pod and its events were. */
  private static void awaitPod(String name, java.util.function.Predicate<JsonNode> until) {
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> until.test(status(name)));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("pod " + name + " did not get there within 60 s; status " + status(name) + "\n"
          + kubectl.run("describe", "pod", name).all(), e);
    }
  }

  private static String condition(JsonNode status, String type) {
    for (JsonNode condition : status.get("conditions")) {
      if (condition.get("type").asText().equals(type)) {
        return condition.get("status").asText();
      }
    }
    return null;
  }

  /** The logs, or "" while there are none yet (for waiting). */
  private static String logsSoFar(String... args) {
    List<String> all = new ArrayList<>(List.of("logs"));
    all.addAll(List.of(args));
    Kubectl.Result result = kubectl.run(all.toArray(String[]::new));
    return result.exitCode() == 0 ? result.out() : "";
  }

  private static String logs(String... args) {
    List<String> all = new ArrayList<>(List.of("logs"));
    all.addAll(List.of(args));
    Kubectl.Result result = kubectl.run(all.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.all()).isZero();
    return result.out();
  }

  private static String containerId(JsonNode containerStatus) {
    return containerStatus.get("containerID").asText().substring("docker://".length());
  }

  @Test
  void twoContainersShareLocalhostAndAnEmptyDir() throws Exception {
    apply(pod("site", "Always", "", """
          volumes: [{name: www, emptyDir: {}}]
          containers:
          - name: generator
            image: coxswain-test/busybox:1
            command: ["/bin/sh", "-c", "echo generated-$(hostname) > /www/index.html; while true; do wget -q -O - http://127.0.0.1:8080/index.html; sleep 1; done"]
            volumeMounts: [{name: www, mountPath: /www}]
          - name: web
            image: coxswain-test/busybox:1
            command: ["httpd", "-f", "-p", "8080", "-h", "/site"]
            volumeMounts: [{name: www, mountPath: /site, readOnly: true}]
        """));
    // The generator wrote the page into the shared volume; it reads it back from the web
    // server over localhost: both only work if the two containers share both.
    await().atMost(Duration.ofSeconds(60)).until(() -> status("site").at("/phase").asText().equals("Running")
        && logsSoFar("site", "-c", "generator").contains("generated-site"));
    JsonNode status = status("site");
    assertThat(status.at("/podIP").asText()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
    assertThat(status.at("/containerStatuses/0/containerID").asText()).startsWith("docker://");
    assertThat(status.at("/containerStatuses/0/imageID").asText()).matches("docker://sha256:[0-9a-f]{64}");
    InspectContainerResponse generator = docker.inspectContainerCmd(containerId(status.at("/containerStatuses/0")))
        .exec();
    InspectContainerResponse web = docker.inspectContainerCmd(containerId(status.at("/containerStatuses/1"))).exec();
    assertThat(generator.getHostConfig().getNetworkMode()).startsWith("container:")
        .isEqualTo(web.getHostConfig().getNetworkMode());
    assertThat(generator.getConfig().getLabels()).containsEntry("io.coxswain.pod.name", "site")
        .containsEntry("io.coxswain.container", "generator").containsEntry("io.coxswain.node", nodeName);
  }

  @Test
  void configMapsSecretsAndTheDownwardApiReachTheContainerAsEnvAndFiles() throws Exception {
    apply(pod("configured", "Always", "", """
          volumes:
          - {name: cfg, configMap: {name: app-config}}
          - {name: creds, secret: {secretName: app-secret, defaultMode: 0400}}
          - name: info
            downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}
          containers:
          - name: c
            image: coxswain-test/busybox:1
            envFrom: [{configMapRef: {name: app-config}, prefix: CFG_}]
            env:
            - {name: PASSWORD, valueFrom: {secretKeyRef: {name: app-secret, key: password}}}
            - {name: MY_IP, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
            - {name: GREETING, value: "hello-$(CFG_mode)"}
            command: ["/bin/sh", "-c", "echo env=$CFG_mode/$PASSWORD/$GREETING/$MY_IP; echo file=$(cat /etc/cfg/mode); \\
              echo secret=$(cat /etc/creds/password) mode=$(stat -L -c %a /etc/creds/password); \\
              echo labels=$(cat /etc/info/labels); touch /etc/cfg/x 2>/dev/null || echo read-only; sleep 3600"]
            volumeMounts:
            - {name: cfg, mountPath: /etc/cfg}
            - {name: creds, mountPath: /etc/creds}
            - {name: info, mountPath: /etc/info}
        """).replace("annotations: {}", "annotations: {}\n  labels: {app: configured}"));
    // Nothing it refers to exists yet: the container waits as a kubelet's does.
    await().atMost(Duration.ofSeconds(60)).until(() -> status("configured").at("/containerStatuses/0/state/waiting")
        .path("message").asText().contains("configmap \"app-config\" not found"));
    // ...and says so in an event, in the kubelet's words.
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("describe", "pod", "configured").out()
        .contains("MountVolume.SetUp failed for volume \"cfg\" : configmap \"app-config\" not found"));
    apply("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: app-config}
        data: {mode: blue}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: app-secret}
        stringData: {password: s3cr3t}
        """);
    await().atMost(Duration.ofSeconds(60)).until(() -> logsSoFar("configured").contains("labels="));
    String podIp = status("configured").at("/podIP").asText();
    assertThat(logs("configured")).contains("env=blue/s3cr3t/hello-blue/" + podIp + "\n", "file=blue\n",
        "secret=s3cr3t mode=400\n", "labels=app=\"configured\"\n", "read-only\n");
    assertThat(http.get("/api/v1/namespaces/default/secrets/app-secret").json().at("/data/password").asText())
        .as("stringData is stored as base64 data").isEqualTo("czNjcjN0");
  }

  @Test
  void theMemoryAndCpuLimitsAreInTheContainersCgroup() throws Exception {
    apply(pod("limited", "Never", "", """
          containers:
          - name: c
            image: coxswain-test/busybox:1
            command: ["/bin/sh", "-c", "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes; cat /sys/fs/cgroup/cpu.max 2>/dev/null || cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us"]
            resources: {limits: {memory: 48Mi, cpu: 250m}}
        """));
    await().atMost(Duration.ofSeconds(60)).until(() -> status("limited").at("/phase").asText().equals("Succeeded"));
    String out = logs("limited");
    assertThat(out).contains(Long.toString(48L * 1024 * 1024)).contains("25000");
    InspectContainerResponse inspected = docker.inspectContainerCmd(
        containerId(status("limited").at("/containerStatuses/0"))).exec();
    assertThat(inspected.getHostConfig().getMemory()).isEqualTo(48L * 1024 * 1024);
    assertThat(inspected.getHostConfig().getCpuQuota()).isEqualTo(25_000L);
  }

  @Test
  void aCrashingContainerRestartsWithGrowingBackoff() throws Exception {
    // The daemon's own start and die times of each attempt, from its event stream (subscribed
    // before the pod exists): exact, and with no window to miss, unlike inspecting the attempt the
    // status names (an ended attempt is removed once the next one ends).
    Map<Integer, Instant[]> attempts = new java.util.concurrent.ConcurrentHashMap<>();
    ResultCallback.Adapter<Event> events = docker.eventsCmd()
        .withEventTypeFilter(EventType.CONTAINER)
        .withEventFilter("start", "die")
        .withLabelFilter(Map.of(RuntimeLabels.POD_NAME, "crasher", RuntimeLabels.CONTAINER, "c"))
        .exec(new ResultCallback.Adapter<Event>() {
          @Override
          public void onNext(Event event) {
            int attempt = Integer.parseInt(event.getActor().getAttributes().get(RuntimeLabels.ATTEMPT));
            Instant at = Instant.ofEpochSecond(0, event.getTimeNano());
            attempts.computeIfAbsent(attempt, a -> new Instant[2])["start".equals(event.getAction()) ? 0 : 1] = at;
          }
        });
    try {
      assertThat(events.awaitStarted(10, TimeUnit.SECONDS)).as("the daemon's event stream opened").isTrue();
      apply(pod("crasher", "Always", "\"coxswain.io/crash-loop-backoff\": \"1s,8s\"", """
            containers:
            - name: c
              image: coxswain-test/busybox:1
              command: ["/bin/sh", "-c", "echo attempt; exit 3"]
          """));
      await().atMost(Duration.ofSeconds(90)).until(() -> List.of(0, 1, 2, 3).stream()
          .allMatch(k -> attempts.containsKey(k) && attempts.get(k)[0] != null && attempts.get(k)[1] != null));
    } finally {
      events.close();
    }
    await().atMost(Duration.ofSeconds(30)).until(() ->
        status("crasher").at("/containerStatuses/0/restartCount").asInt() >= 4);
    JsonNode c = status("crasher").at("/containerStatuses/0");
    assertThat(c.get("restartCount").asInt()).isGreaterThanOrEqualTo(4);
    assertThat(c.at("/lastState/terminated/exitCode").asInt()).isEqualTo(3);
    assertThat(c.at("/lastState/terminated/reason").asText()).isEqualTo("Error");
    // Delay before start k+1 = start(k+1) - end(k): 1 s, 2 s, 4 s (doubling), give or take a sync period.
    List<Long> delays = new ArrayList<>();
    for (int k = 0; k + 1 < 4; k++) {
      delays.add(Duration.between(attempts.get(k)[1], attempts.get(k + 1)[0]).toMillis());
    }
    assertThat(delays.get(0)).isBetween(1_000L, 2_500L);
    assertThat(delays.get(1)).isBetween(2_000L, 3_500L);
    assertThat(delays.get(2)).isBetween(4_000L, 5_500L);
    assertThat(logs("crasher", "--previous")).contains("attempt");
    Kubectl.Result describe = kubectl.run("describe", "pod", "crasher");
    assertThat(describe.out()).contains("Back-off restarting failed container", "Started", "Created", "Pulled");
  }

  @Test
  void onFailureRestartsOnlyFailuresAndNeverRestartsNothing() throws Exception {
    apply(pod("ok-once", "OnFailure", "", """
          containers: [{name: c, image: coxswain-test/busybox:1, command: ["true"]}]
        """));
    apply(pod("fail-onfailure", "OnFailure", "\"coxswain.io/crash-loop-backoff\": \"1s,1s\"", """
          containers: [{name: c, image: coxswain-test/busybox:1, command: ["false"]}]
        """));
    apply(pod("fail-never", "Never", "", """
          containers: [{name: c, image: coxswain-test/busybox:1, command: ["/bin/sh", "-c", "exit 7"]}]
        """));
    await().atMost(Duration.ofSeconds(60)).until(() -> status("ok-once").at("/phase").asText().equals("Succeeded")
        && status("fail-never").at("/phase").asText().equals("Failed")
        && status("fail-onfailure").at("/containerStatuses/0/restartCount").asInt() >= 2);
    assertThat(status("ok-once").at("/containerStatuses/0/restartCount").asInt()).isZero();
    assertThat(status("ok-once").at("/containerStatuses/0/state/terminated/reason").asText()).isEqualTo("Completed");
    JsonNode never = status("fail-never").at("/containerStatuses/0");
    assertThat(never.get("restartCount").asInt()).isZero();
    assertThat(never.at("/state/terminated/exitCode").asInt()).isEqualTo(7);
    assertThat(status("fail-onfailure").at("/phase").asText()).isEqualTo("Running");
  }

  @Test
  void livenessFailuresRestartAndReadinessGatesReady() throws Exception {
    apply(pod("probed", "Always", "", """
          containers:
          - name: live
            image: coxswain-test/busybox:1
            command: ["/bin/sh", "-c", "touch /tmp/healthy; sleep 3; rm /tmp/healthy; sleep 3600"]
            livenessProbe: {exec: {command: ["cat", "/tmp/healthy"]}, periodSeconds: 1, failureThreshold: 2}
          - name: ready
            image: coxswain-test/busybox:1
            command: ["/bin/sh", "-c", "mkdir -p /www; (sleep 4; echo ok > /www/ready) & exec httpd -f -p 8081 -h /www"]
            readinessProbe: {httpGet: {path: /ready, port: 8081}, periodSeconds: 1}
        """));
    // Not ready while the readiness page is missing, though the container runs...
    await().atMost(Duration.ofSeconds(60)).until(() -> status("probed").at("/containerStatuses/1/state/running")
        .isObject());
    JsonNode early = status("probed");
    assertThat(early.at("/containerStatuses/1/ready").asBoolean()).isFalse();
    assertThat(condition(early, "Ready")).isEqualTo("False");
    assertThat(condition(early, "ContainersReady")).isEqualTo("False");
    // ...ready once it answers; the liveness container is restarted when its file goes.
    await().atMost(Duration.ofSeconds(60)).until(() -> status("probed").at("/containerStatuses/1/ready").asBoolean());
    await().atMost(Duration.ofSeconds(60)).until(() ->
        status("probed").at("/containerStatuses/0/restartCount").asInt() >= 1);
    Kubectl.Result describe = kubectl.run("describe", "pod", "probed");
    // With the kubelet's details: the exec command's output, the HTTP status.
    assertThat(describe.out()).contains("Liveness probe failed: cat: can't open '/tmp/healthy'",
        "failed liveness probe, will be restarted", "Readiness probe failed: HTTP probe failed with statuscode: 404");
  }

  @Test
  void kubectlLogsAndFollow() throws Exception {
    apply(pod("talker", "Always", "", """
          containers:
          - name: c
            image: coxswain-test/busybox:1
            command: ["/bin/sh", "-c", "for i in $(seq 1 5); do echo line-$i; done; i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.3; done"]
        """));
    await().atMost(Duration.ofSeconds(60)).until(() -> status("talker").at("/phase").asText().equals("Running")
        && logsSoFar("talker").contains("line-5"));
    assertThat(logs("talker")).startsWith("line-1\nline-2\n");
    assertThat(logs("talker", "--tail", "1").strip()).matches("tick-\\d+");
    assertThat(logs("talker", "--timestamps", "--tail", "1")).matches("\\d{4}-\\d\\d-\\d\\dT\\S+ tick-\\d+\\n");
    // -f keeps the stream open: new ticks arrive after the command started.
    Process follow = kubectl.start("logs", "-f", "talker", "--tail", "1");
    try (BufferedReader out = new BufferedReader(new InputStreamReader(follow.getInputStream(),
        StandardCharsets.UTF_8))) {
      List<Integer> ticks = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      String line;
      while (ticks.size() < 4 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
        if (line.startsWith("tick-")) {
          ticks.add(Integer.parseInt(line.substring(5)));
        }
      }
      assertThat(ticks).hasSize(4).isSorted();
      assertThat(ticks.get(3) - ticks.get(0)).isEqualTo(3);
    } finally {
      follow.destroy();
      follow.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void badPodsEndInKubernetesReasonsWhileOthersKeepRunning() throws Exception {
    apply(pod("steady", "Always", "", """
          containers: [{name: c, image: coxswain-test/busybox:1, command: ["sleep", "3600"]}]
        """));
    apply(pod("no-image", "Always", "", """
          containers: [{name: c, image: "coxswain-test/does-not-exist:1"}]
        """));
    apply(pod("no-command", "Never", "", """
          containers: [{name: c, image: coxswain-test/busybox:1, command: ["/bin/no-such-command"]}]
        """));
    apply(pod("tiny-memory", "Always", "", """
          containers:
          - {name: c, image: coxswain-test/busybox:1, command: ["sleep", "3600"], resources: {limits: {memory: 2Mi}}}
        """));
    awaitPod("no-image", status -> status.at("/containerStatuses/0/state/waiting/reason").asText()
        .equals("ImagePullBackOff"));
    JsonNode noImage = status("no-image");
    assertThat(noImage.at("/phase").asText()).isEqualTo("Pending");
    assertThat(noImage.at("/containerStatuses/0/state/waiting/message").asText())
        .contains("Failed to pull image \"coxswain-test/does-not-exist:1\"");

    awaitPod("no-command", status -> status.at("/phase").asText().equals("Failed"));
    JsonNode noCommand = status("no-command").at("/containerStatuses/0/state/terminated");
    assertThat(noCommand.get("reason").asText()).isEqualTo("StartError");
    assertThat(noCommand.get("exitCode").asInt()).isEqualTo(128);
    assertThat(noCommand.get("message").asText()).contains("/bin/no-such-command");

    awaitPod("tiny-memory", status -> status.at("/containerStatuses/0/state/waiting/reason").asText()
        .equals("CreateContainerError"));
    assertThat(status("tiny-memory").at("/containerStatuses/0/state/waiting/message").asText())
        .containsIgnoringCase("memory");

    awaitPod("steady", status -> status.at("/phase").asText().equals("Running"));
    JsonNode steady = status("steady").at("/containerStatuses/0");
    assertThat(steady.get("ready").asBoolean()).isTrue();
    assertThat(steady.get("restartCount").asInt()).isZero();
    Kubectl.Result describe = kubectl.run("describe", "pod", "no-image");
    assertThat(describe.out()).contains("Failed to pull image", "ImagePullBackOff");
  }

  @Test
  void deletingAPodStopsAndRemovesItsContainersAndVolumes() throws Exception {
    apply(pod("short-lived", "Always", "", """
          volumes: [{name: scratch, emptyDir: {}}]
          containers:
          - {name: c, image: coxswain-test/busybox:1, command: ["sleep", "3600"], volumeMounts: [{name: scratch, mountPath: /scratch}]}
        """));
    await().atMost(Duration.ofSeconds(60)).until(() -> status("short-lived").at("/phase").asText().equals("Running"));
    String uid = http.get(PODS + "/short-lived").json().at("/metadata/uid").asText();
    assertThat(DockerSupport.containersOf(docker, uid)).hasSize(2); // pause + c
    Kubectl.Result deleted = kubectl.run("delete", "pod", "short-lived", "--wait=true", "--timeout=60s");
    assertThat(deleted.exitCode()).as(deleted.all()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> DockerSupport.containersOf(docker, uid).isEmpty());
    assertThat(docker.listVolumesCmd().exec().getVolumes()).noneMatch(v -> v.getName().contains(uid));
  }

  @Test
  void deletionGivesAllContainersOneGracePeriodThenKills() throws Exception {
    apply(pod("graceful", "Always", "", """
          containers:
          - {name: polite, image: coxswain-test/busybox:1, command: ["/bin/sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.2; done"]}
          - {name: stubborn, image: coxswain-test/busybox:1, command: ["/bin/sh", "-c", "trap '' TERM; while true; do sleep 0.2; done"]}
        """).replace("terminationGracePeriodSeconds: 1", "terminationGracePeriodSeconds: 4"));
    await().atMost(Duration.ofSeconds(60)).until(() -> status("graceful").at("/phase").asText().equals("Running"));
    String uid = http.get(PODS + "/graceful").json().at("/metadata/uid").asText();
    long start = System.nanoTime();
    assertThat(http.delete(PODS + "/graceful").code()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> http.get(PODS + "/graceful").code() == 404);
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    // The stubborn container ignores SIGTERM: it is killed when the 4 s grace period ends, and
    // the polite one does not add a second grace period of its own.
    assertThat(tookMillis).isBetween(4_000L, 7_500L);
    await().atMost(Duration.ofSeconds(10)).until(() -> DockerSupport.containersOf(docker, uid).isEmpty());
    Kubectl.Result events = kubectl.run("get", "events", "--field-selector", "involvedObject.name=graceful");
    assertThat(events.out()).contains("Stopping container polite", "Stopping container stubborn");
  }
}
