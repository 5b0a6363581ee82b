package io.coxswain.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.coxswain.node.runtime.RuntimeLabels;
import io.coxswain.testing.DockerSupport;
import io.coxswain.testing.Http;
import io.coxswain.testing.ServerProcess;
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
 * kill -9 of the server JVM while its pods run on Docker, then a restart on the same data: the
 * agent re-adopts its containers (same ids, no restarts, no duplicates), keeps the status right,
 * and removes a labelled container that no pod claims.
 */
@Tag("integration")
class DockerRestartTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final List<String> SETTINGS = List.of("-Dcoxswain.node.pod-subnet=10.244.22.0/24");
  private static final String[] MEMBER_ARGS = {"--runtime", "docker", "--node-name", "docker-restart"};
  private static DockerClient docker;
  private static String nodeName;

  @BeforeAll
  static void docker() {
    docker = DockerSupport.requireDocker();
    nodeName = "docker-restart";
  }

  @AfterAll
  static void cleanUp() throws Exception {
    DockerSupport.removeNodeContainers(docker, nodeName);
    docker.close();
  }

  private static String pod(String name, String... containers) {
    StringBuilder body = new StringBuilder("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{"
        + "\"nodeName\":\"" + nodeName + "\",\"terminationGracePeriodSeconds\":1,\"containers\":[");
    for (int i = 0; i < containers.length; i++) {
      body.append(i == 0 ? "" : ",").append("{\"name\":\"").append(containers[i]).append("\",\"image\":\"")
          .append(DockerSupport.TEST_IMAGE).append("\",\"command\":[\"sleep\",\"3600\"]}");
    }
    return body.append("]}}").toString();
  }

  private static boolean runningAndReady(Http http, String name) {
    JsonNode status = http.get(PODS + "/" + name).json().get("status");
    if (status == null || !status.at("/phase").asText().equals("Running")) {
      return false;
    }
    for (JsonNode container : status.get("containerStatuses")) {
      if (!container.get("ready").asBoolean()) {
        return false;
      }
    }
    return true;
  }

  @Test
  void aKilledServerReadoptsItsContainersAndRemovesStrangers() throws Exception {
    Path data = Files.createTempDirectory("coxswain-docker-restart-");
    JsonNode before;
    String webUid;
    String ghost;
    try (ServerProcess first = ServerProcess.member(data, SETTINGS, MEMBER_ARGS)) {
      Http http = new Http(first.url());
      assertThat(http.post(PODS, "application/json", pod("web", "app", "sidecar")).code()).isEqualTo(201);
      assertThat(http.post(PODS, "application/json", pod("solo", "app")).code()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(60)).until(() -> runningAndReady(http, "web") && runningAndReady(http, "solo"));
      before = http.get(PODS + "/web").json();
      webUid = before.at("/metadata/uid").asText();
      assertThat(DockerSupport.containersOf(docker, webUid)).hasSize(3); // pause + app + sidecar
      // A container with this node's labels that no pod claims (a leftover of a deleted pod).
      ghost = docker.createContainerCmd(DockerSupport.TEST_IMAGE).withCmd("sleep", "3600")
          .withLabels(Map.of(RuntimeLabels.NODE, nodeName, RuntimeLabels.POD_UID, "no-such-pod",
              RuntimeLabels.POD_NAMESPACE, "default", RuntimeLabels.POD_NAME, "ghost", RuntimeLabels.CONTAINER, "c",
              RuntimeLabels.ATTEMPT, "0")).exec().getId();
      docker.startContainerCmd(ghost).exec();
      first.kill9();
    }
    // The containers outlive the agent: Docker owns them.
    assertThat(DockerSupport.containersOf(docker, webUid)).hasSize(3).allMatch(c -> "running".equals(c.getState()));

    try (ServerProcess second = ServerProcess.member(data, SETTINGS, MEMBER_ARGS)) {
      Http http = new Http(second.url());
      await().atMost(Duration.ofSeconds(30)).until(() -> docker.listContainersCmd().withShowAll(true)
          .withIdFilter(List.of(ghost)).exec().isEmpty());
      await().atMost(Duration.ofSeconds(30)).until(() -> runningAndReady(http, "web") && runningAndReady(http, "solo"));
      JsonNode after = http.get(PODS + "/web").json();
      for (int i = 0; i < 2; i++) {
        JsonNode was = before.at("/status/containerStatuses/" + i);
        JsonNode now = after.at("/status/containerStatuses/" + i);
        assertThat(now.get("containerID")).isEqualTo(was.get("containerID"));
        assertThat(now.get("restartCount").asInt()).isZero();
        assertThat(now.at("/state/running/startedAt")).isEqualTo(was.at("/state/running/startedAt"));
      }
      assertThat(after.at("/status/podIP")).isEqualTo(before.at("/status/podIP"));
      // No duplicates appear over several sync periods (the default period is 1 s).
      await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
          .until(() -> DockerSupport.containersOf(docker, webUid).size() == 3);

      assertThat(http.delete(PODS + "/web").code()).isEqualTo(200);
      assertThat(http.delete(PODS + "/solo").code()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> DockerSupport.containersOf(docker, webUid).isEmpty()
          && http.get(PODS + "/solo").code() == 404);
      second.terminate();
    }
  }
}
