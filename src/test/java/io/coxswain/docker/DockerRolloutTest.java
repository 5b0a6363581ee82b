package io.coxswain.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import io.coxswain.testing.ServiceTraffic.Loop;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The guestbook's frontend as a Deployment (examples/guestbook/frontend-deployment.yaml) on real
 * containers behind its NodePort Service: stock kubectl rolls it from v1 to v2 and back with
 * {@code rollout undo} while a request loop runs (at least 2,000 requests, each on a new
 * connection, bounded to 3 minutes a phase). Every request must succeed, on the first try, with v1
 * or v2; when the rollout is done, only the new version answers. A replaced pod leaves every
 * Service before its container is stopped, and a new one gets traffic only once Ready.
 */
@Tag("integration")
class DockerRolloutTest {
  private static final String NODE = "docker-rollout";
  private static DockerClient docker;
  private static TestNode node;
  private static Http http;
  private static Kubectl kubectl;
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
    kubectl = new Kubectl(node.url());
    Path dataDir = Files.createTempDirectory("rollout-mariadb-");
    // guestbook.yaml without its frontend ReplicationController, then the frontend as a Deployment.
    String manifest = Arrays.stream(Files.readString(Path.of("examples/guestbook/guestbook.yaml")).split("\n---\n"))
        .filter(doc -> !(doc.contains("kind: ReplicationController") && doc.contains("name: frontend")))
        .collect(Collectors.joining("\n---\n"))
        .replace("/var/lib/coxswain-guestbook/mariadb", dataDir.toString());
    Path file = Files.createTempFile("guestbook-", ".yaml");
    Files.writeString(file, manifest);
    ok(kubectl.run("apply", "-f", file.toString()));
    ok(kubectl.run("apply", "-f", "examples/guestbook/frontend-deployment.yaml"));
    ok(kubectl.run("rollout", "status", "deployment/frontend", "--timeout=180s"));
    await().atMost(Duration.ofMinutes(3)).until(() -> ServiceTraffic.readyAddresses(http, "default", "frontend")
        .size() == 3);
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

  private static void ok(Kubectl.Result result) {
    assertThat(result.exitCode()).as(result.all()).isZero();
  }

  private static Loop rollout(String... kubectlArgs) {
    CompletableFuture<Kubectl.Result> rollout = CompletableFuture.supplyAsync(() -> {
      ok(kubectl.run(kubectlArgs));
      return kubectl.run("rollout", "status", "deployment/frontend", "--timeout=170s");
    });
    Loop loop = ServiceTraffic.requestsUntil(nodeAddress, nodePort, "/version", Set.of("v1", "v2"), rollout, 2_000,
        Duration.ofMinutes(3));
    ok(rollout.join());
    return loop;
  }

  private static Map<String, Integer> versionsAfter(int requests) throws IOException {
    Map<String, Integer> versions = new TreeMap<>();
    for (int i = 0; i < requests; i++) {
      versions.merge(ServiceTraffic.exchange(nodeAddress, nodePort, "GET", "/version", null).body().trim(), 1,
          Integer::sum);
    }
    return versions;
  }

  @Test
  void aRolloutAndItsUndoDropNoRequest() throws Exception {
    Loop forward = rollout("set", "image", "deployment/frontend", "php=coxswain/guestbook-php:v2");
    System.out.printf("rollout v1 -> v2: %d requests, %d failed, answered by %s%n", forward.requests(),
        forward.failures().size(), forward.answers());
    assertThat(forward.failures()).isEmpty();
    assertThat(forward.requests()).isGreaterThanOrEqualTo(2_000);
    assertThat(forward.answers()).containsOnlyKeys("v1", "v2");
    assertThat(versionsAfter(100)).containsOnlyKeys("v2");

    Loop back = rollout("rollout", "undo", "deployment/frontend");
    System.out.printf("rollout undo v2 -> v1: %d requests, %d failed, answered by %s%n", back.requests(),
        back.failures().size(), back.answers());
    assertThat(back.failures()).isEmpty();
    assertThat(back.requests()).isGreaterThanOrEqualTo(2_000);
    assertThat(back.answers()).containsOnlyKeys("v1", "v2");
    assertThat(versionsAfter(100)).containsOnlyKeys("v1");
    assertThat(kubectl.run("rollout", "history", "deployment/frontend").out()).containsPattern("3\\s+");
  }
}
