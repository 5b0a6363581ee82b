package io.coxswain.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.coxswain.network.Cidr;
import io.coxswain.testing.DockerSupport;
import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.ServiceTraffic;
import io.coxswain.testing.TestNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The talk's guestbook on real containers (examples/guestbook, images from
 * examples/guestbook/build-images.sh, which .ci/run builds): the PHP frontend finds MariaDB and
 * memcached by their Service names through the cluster DNS; a message posted through the
 * frontend's node port reads back; requests spread over the three frontends; a bounded loop of
 * 2,000 requests runs while one frontend's container is killed and another frontend pod is deleted.
 */
@Tag("integration")
class DockerGuestbookTest {
  private static final String NODE = "docker-guestbook";
  private static DockerClient docker;
  private static TestNode node;
  private static Http http;
  private static Path dataDir;
  private static String nodeAddress;
  private static int nodePort;

  @BeforeAll
  static void start() throws Exception {
    docker = DockerSupport.requireDocker();
    for (String image : List.of("coxswain/guestbook-php:v1", "coxswain/guestbook-php:v2", "coxswain/mariadb:10",
        "coxswain/memcached:1")) {
      assertThat(docker.listImagesCmd().withImageNameFilter(image).exec())
          .as("%s is built (examples/guestbook/build-images.sh; .ci/run runs it)", image).isNotEmpty();
    }
    node = TestNode.named(NODE, Map.of("coxswain.node.runtime", "docker", "coxswain.node.pod-sync-period", "200ms",
        "coxswain.network.service-proxy", "nftables"));
    http = new Http(node.url());
    dataDir = Files.createTempDirectory("guestbook-mariadb-");
    String manifest = Files.readString(Path.of("examples/guestbook/guestbook.yaml"))
        .replace("/var/lib/coxswain-guestbook/mariadb", dataDir.toString());
    Path file = Files.createTempFile("guestbook-", ".yaml");
    Files.writeString(file, manifest);
    Kubectl.Result applied = new Kubectl(node.url()).run("apply", "-f", file.toString());
    assertThat(applied.exitCode()).as(applied.all()).isZero();
    await().atMost(Duration.ofMinutes(3)).until(() -> ready("frontend") == 3 && ready("mariadb") == 1
        && ready("memcached") == 1);
    nodeAddress = Cidr.parse(http.get("/api/v1/nodes/" + NODE).json().at("/spec/podCIDR").asText()).address(1);
    nodePort = http.get("/api/v1/namespaces/default/services/frontend").json().at("/spec/ports/0/nodePort").asInt();
    ServiceTraffic.requireLocal(nodeAddress);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    DockerSupport.removeNodeContainers(docker, NODE);
    docker.close();
  }

  private static int ready(String service) {
    return ServiceTraffic.readyAddresses(http, "default", service).size();
  }

  /**
   * The frontend pods when none is terminating and each has a running container; otherwise an
   * empty list (a rollout or replacement is still settling).
   */
  private static List<JsonNode> settledFrontends() throws IOException {
    List<JsonNode> pods = new ArrayList<>();
    for (JsonNode pod : http.get("/api/v1/namespaces/default/pods?labelSelector=tier%3Dfrontend").json()
        .get("items")) {
      if (pod.at("/metadata/deletionTimestamp").isTextual()
          || !pod.at("/status/containerStatuses/0/containerID").asText().startsWith("docker://")
          || !pod.at("/status/containerStatuses/0/ready").asBoolean()) {
        return List.of();
      }
      pods.add(pod);
    }
    return pods;
  }

  @Test
  void aMessagePostedThroughTheNodePortReadsBackFromEveryFrontend() throws Exception {
    String message = "hello from the talk " + System.nanoTime();
    ServiceTraffic.Response posted = ServiceTraffic.exchange(nodeAddress, nodePort, "POST", "/",
        "message=" + java.net.URLEncoder.encode(message, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(posted.status()).isEqualTo(303);
    Set<String> servedBy = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      ServiceTraffic.Response read = ServiceTraffic.exchange(nodeAddress, nodePort, "GET", "/", null);
      assertThat(read.status()).isEqualTo(200);
      assertThat(read.body()).contains(message);
      servedBy.add(read.headers().get("x-served-by"));
    }
    assertThat(servedBy).as("requests spread over the three frontends").hasSize(3);
  }

  /**
   * 2,000 requests, each on a new connection (bounded: 3 minutes), while one frontend's container is killed (the kubelet
   * restarts it) and another frontend pod is deleted (its RC replaces it). The deleted pod leaves
   * the Service before its container is stopped, so nothing of it is lost. A killed container
   * refuses connections until the node sees it die and the Service drops it (no data plane can
   * hide that: the kernel cannot retry a connection the backend refused); a request refused before
   * it reached any server is tried again after a backoff (100, 200, 400 ms), as HTTP clients retry
   * idempotent requests whose connection failed; the retries are counted and reported.
   */
  @Test
  void twoThousandRequestsWhileAFrontendIsKilledAndAnotherDeleted() throws Exception {
    // Another test may have just replaced the frontends: wait until only the three live ones are
    // listed, so the pods chosen below are not ones already on their way out.
    await().atMost(Duration.ofMinutes(2)).until(() -> settledFrontends().size() == 3);
    List<String> frontends = new ArrayList<>();
    for (JsonNode pod : settledFrontends()) {
      frontends.add(pod.at("/metadata/name").asText() + " " + pod.at("/status/containerStatuses/0/containerID")
          .asText().substring("docker://".length()));
    }
    assertThat(frontends).hasSize(3);
    String killed = frontends.get(0).split(" ")[1];
    String deleted = frontends.get(1).split(" ")[0];
    List<String> failures = new ArrayList<>();
    int retries = 0;
    int requests = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (requests < 2_000 && System.nanoTime() < deadline) {
      if (requests == 300) {
        docker.killContainerCmd(killed).exec();
      }
      if (requests == 1_000) {
        assertThat(http.delete("/api/v1/namespaces/default/pods/" + deleted).code()).isEqualTo(200);
      }
      try {
        ServiceTraffic.Response response = null;
        for (int attempt = 0; response == null; attempt++) {
          try {
            response = ServiceTraffic.exchange(nodeAddress, nodePort, "GET", "/", null);
          } catch (java.net.ConnectException refused) {
            if (attempt == 3) {
              throw refused;
            }
            retries++;
            // A client's backoff before it tries again: 100, 200, 400 ms.
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(100L << attempt);
          }
        }
        if (response.status() != 200) {
          failures.add(requests + ": HTTP " + response.status());
        }
      } catch (IOException e) {
        failures.add(requests + ": " + e);
      }
      requests++;
    }
    System.out.printf("guestbook: %d requests while a frontend container was killed and a frontend pod deleted: "
        + "%d failed, %d refused connections tried again%n", requests, failures.size(), retries);
    assertThat(requests).isEqualTo(2_000);
    assertThat(failures).isEmpty();
    await().atMost(Duration.ofMinutes(2)).until(() -> ready("frontend") == 3);
  }

  /**
   * The talk's rolling update of the frontend RC through {@code bin/cox}, v1 to v2 and back with
   * {@code cox rollback}, while a request loop runs (at least 2,000 requests, each on a new
   * connection, bounded to 3 minutes a phase): every request succeeds on the first try with v1 or
   * v2, and afterwards only the new version answers.
   */
  @Test
  void coxRollingUpdateAndRollbackDropNoRequest() throws Exception {
    for (String[] phase : List.of(new String[] {"rolling-update", "v2"}, new String[] {"rollback", "v1"})) {
      java.util.concurrent.CompletableFuture<Integer> cox = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        List<String> command = new ArrayList<>(List.of("bin/cox", phase[0], "frontend"));
        if (phase[0].equals("rolling-update")) {
          command.add("--image=coxswain/guestbook-php:v2");
        }
        command.addAll(List.of("--update-period=0s", "--timeout=170s", "--server=" + node.url()));
        try {
          Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
          String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
          int code = process.waitFor();
          assertThat(code).as(out).isZero();
          return code;
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      });
      ServiceTraffic.Loop loop = ServiceTraffic.requestsUntil(nodeAddress, nodePort, "/version", Set.of("v1", "v2"),
          cox, 2_000, Duration.ofMinutes(3));
      assertThat(cox.join()).isZero();
      System.out.printf("cox %s of the frontend RC: %d requests, %d failed, answered by %s%n", phase[0],
          loop.requests(), loop.failures().size(), loop.answers());
      assertThat(loop.failures()).isEmpty();
      assertThat(loop.requests()).isGreaterThanOrEqualTo(2_000);
      assertThat(loop.answers()).containsOnlyKeys("v1", "v2");
      for (int i = 0; i < 50; i++) {
        assertThat(ServiceTraffic.exchange(nodeAddress, nodePort, "GET", "/version", null).body().trim())
            .isEqualTo(phase[1]);
      }
    }
    await().atMost(Duration.ofMinutes(2)).until(() -> ready("frontend") == 3 && settledFrontends().size() == 3);
  }
}
