package io.coxswain.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.coxswain.testing.Corpus;
import io.coxswain.testing.CorpusStates;
import io.coxswain.testing.DockerSupport;
import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The manifest corpus on a real Docker Engine: each pod Docker can run reaches Kubernetes' state,
 * and what the pod spec asks for is really there inside the containers: configMap, secret,
 * downwardAPI and projected files (a signed service account token among them), every env source,
 * a tmpfs emptyDir, init containers that ran first, a sidecar started (and past its startup probe)
 * before the app, postStart, preStop before SIGTERM, the security context, hostAliases, dnsConfig
 * and a shared process namespace.
 */
@Tag("integration")
class DockerPodSpecCorpusTest {
  private static final String NODE = "docker-corpus";
  private static final String PODS = "/api/v1/namespaces/default/pods/";
  private static final Path HOST_DIR = Path.of("/tmp/coxswain-corpus-host");
  private static final Path EVENTS = Path.of("/tmp/coxswain-corpus-events/log");
  private static DockerClient docker;
  private static TestNode node;
  private static Kubectl kubectl;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    docker = DockerSupport.requireDocker();
    Files.createDirectories(HOST_DIR);
    Files.writeString(HOST_DIR.resolve("hello.txt"), "hello\n");
    Files.deleteIfExists(EVENTS);
    node = TestNode.named(NODE, Map.of("coxswain.node.runtime", "docker", "coxswain.node.pod-sync-period", "200ms",
        "coxswain.node.pod-subnet", "10.244.23.0/24"));
    kubectl = new Kubectl(node.url());
    http = new Http(node.url());
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    DockerSupport.removeNodeContainers(docker, NODE);
    docker.close();
  }

  private static String logs(String pod, String container) {
    Kubectl.Result result = kubectl.run("logs", pod, "-c", container);
    return result.exitCode() == 0 ? result.out() : "";
  }

  /** The container's logs once it has printed {@code last}. */
  private static String logsUntil(String pod, String container, String last) {
    await().atMost(Duration.ofSeconds(30)).until(() -> logs(pod, container).contains(last));
    return logs(pod, container);
  }

  private static InspectContainerResponse inspect(String pod, String container) {
    JsonNode status = http.get(PODS + pod).json().get("status");
    for (JsonNode c : status.path("containerStatuses")) {
      if (c.path("name").asText().equals(container)) {
        return docker.inspectContainerCmd(c.path("containerID").asText().replace("docker://", "")).exec();
      }
    }
    throw new AssertionError("no container " + container + " in " + status);
  }

  @Test
  void theCorpusRunsOnDockerWithWhatEachSpecAsksFor() throws Exception {
    List<JsonNode> objects = Corpus.objects(kubectl);
    Corpus.applyAll(kubectl);
    for (JsonNode object : objects) {
      if ("Pod".equals(object.path("kind").asText()) && Corpus.runsOn(object, "docker")) {
        String name = object.at("/metadata/name").asText();
        CorpusStates.await(http, kubectl, name, object.at("/metadata/annotations").path(Corpus.EXPECT).asText());
      }
    }
    configAndEnv();
    initSidecarAndHooks();
    security();
    podLevel();
    CorpusStates.ungateAndRun(http, kubectl, "corpus-gated");
    preStopRunsBeforeSigterm();
  }

  private void configAndEnv() {
    JsonNode pod = http.get(PODS + "corpus-config").json();
    String uid = pod.at("/metadata/uid").asText();
    String podIp = pod.at("/status/podIP").asText();
    String hostIp = pod.at("/status/hostIP").asText();
    String out = logsUntil("corpus-config", "app", "done");
    assertThat(out).contains(
        "env=blue/s3cr3t/corpus-config/default/" + uid + "/" + NODE + "/default/" + hostIp + "/" + podIp + "/" + podIp
            + "/corpus/storage\n",
        "resources=2/32/100\n", "prefixed=blue/t0k3n\n", "cm=blue\n", "secret=s3cr3t mode=400\n",
        "labels=app=\"corpus\",tier=\"config\"\n", "cpu-file=2000\n", "projected=blue/s3cr3t/default\n",
        "token-dots=2\n", "tmpfs=tmpfs\n", "disk-empty=0\n", "no-source=writable\n", "host=hello\n");
    var scratch = docker.inspectVolumeCmd("coxswain_" + uid + "_scratch").exec();
    assertThat(scratch.getOptions()).containsEntry("type", "tmpfs");
    assertThat(scratch.getOptions().get("o")).contains("size=" + 16L * 1024 * 1024);
  }

  private void initSidecarAndHooks() {
    String out = logsUntil("corpus-lifecycle", "app", "poststart-seen");
    assertThat(out).contains("init=init-ran sidecar-before-app=yes\n", "started\n", "poststart-seen\n");
    JsonNode status = http.get(PODS + "corpus-lifecycle").json().get("status");
    assertThat(status.at("/initContainerStatuses/0/state/terminated/reason").asText()).isEqualTo("Completed");
    assertThat(status.at("/initContainerStatuses/1/state/running").isObject()).isTrue();
    assertThat(status.at("/initContainerStatuses/1/ready").asBoolean()).isTrue();
    String started = status.at("/initContainerStatuses/1/state/running/startedAt").asText();
    String appStarted = status.at("/containerStatuses/0/state/running/startedAt").asText();
    assertThat(started.compareTo(appStarted)).as("the sidecar started before the app").isLessThanOrEqualTo(0);
    assertThat(kubectl.run("get", "pod", "corpus-lifecycle", "--no-headers").out()).contains(" 2/2 ");
  }

  private void security() {
    String out = logsUntil("corpus-security", "app", "capeff=");
    assertThat(out).contains("id=1000:3000 groups=", "rootfs=read-only\n", "data=2000\n", "nnp=NoNewPrivs:1\n",
        // A secret of mode 0400 is readable by the pod's non-root user through its fsGroup (0440, group 2000).
        "secret=s3cr3t 440 2000\n");
    String groups = out.substring(out.indexOf("groups=") + 7, out.indexOf('\n', out.indexOf("groups=")));
    // The primary group, the supplementalGroups and the fsGroup (the kernel keeps the extra ones sorted).
    assertThat(groups.split(" ")).containsExactlyInAnyOrder("3000", "4000", "2000");
    InspectContainerResponse app = inspect("corpus-security", "app");
    assertThat(app.getConfig().getUser()).isEqualTo("1000:3000");
    assertThat(app.getHostConfig().getReadonlyRootfs()).isTrue();
    assertThat(app.getHostConfig().getSecurityOpts()).contains("no-new-privileges");
    assertThat(List.of(app.getHostConfig().getCapDrop())).extracting(Enum::name).containsExactly("ALL");
    assertThat(List.of(app.getHostConfig().getCapAdd())).extracting(Enum::name).containsExactly("NET_BIND_SERVICE");
  }

  private void podLevel() {
    String out = logsUntil("corpus-pod-level", "app", "sees-helper=");
    assertThat(out).contains("hosts=10.1.2.3 foo.corpus.test bar.corpus.test\n", "self=corpus-host\n",
        "hostname=corpus-host\n",
        "resolv=search corpus.svc.cluster.local;nameserver 10.96.0.10;options ndots:2 edns0;\n", "sees-helper=1\n");
  }

  /** Deleting the pod runs its preStop handler to the end before the container is sent SIGTERM. */
  private void preStopRunsBeforeSigterm() throws Exception {
    Kubectl.Result deleted = kubectl.run("delete", "pod", "corpus-lifecycle", "--wait=true", "--timeout=60s");
    assertThat(deleted.exitCode()).as(deleted.all()).isZero();
    assertThat(Files.readString(EVENTS)).isEqualTo("prestop\nsigterm\n");
  }
}
