package io.coxswain.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.coxswain.network.Cidr;
import io.coxswain.testing.DockerSupport;
import io.coxswain.testing.FailoverScenario;
import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.ServiceTraffic;
import io.coxswain.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The guestbook across a cluster of three members on one Docker host: frontends reach MariaDB and
 * memcached on other members' bridges through their Services; kill -9 of the member running
 * MariaDB, and the database comes back on a survivor with the messages posted before (its data
 * is a hostPath on this machine), read through a survivor's node port.
 */
@Tag("integration")
class DockerGuestbookFailoverTest {
  @Test
  void theDatabaseComesBackOnASurvivorWithItsMessages() throws Exception {
    DockerClient docker = DockerSupport.requireDocker();
    Path data = Files.createTempDirectory("guestbook-failover-");
    List<String> settings = new ArrayList<>(FailoverScenario.MEMBER_SETTINGS);
    settings.add("-Dcoxswain.network.service-proxy=nftables");
    try (TestCluster cluster = TestCluster.start(3, "docker", settings)) {
      new FailoverScenario(cluster).awaitNodesReady();
      Http api = new Http(cluster.member(1).url());
      Path manifest = Files.createTempFile("guestbook-", ".yaml");
      Files.writeString(manifest, Files.readString(Path.of("examples/guestbook/guestbook.yaml"))
          .replace("/var/lib/coxswain-guestbook/mariadb", data.toString()));
      Kubectl.Result applied = new Kubectl(cluster.member(1).url()).run("apply", "-f", manifest.toString());
      assertThat(applied.exitCode()).as(applied.all()).isZero();
      try {
        await().atMost(Duration.ofMinutes(4)).until(() -> ready(api, "frontend") == 3 && ready(api, "mariadb") == 1
            && ready(api, "memcached") == 1);
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("the guestbook never became ready: " + api.get("/api/v1/namespaces/default/pods")
            .body() + "\nmember 1 said:\n" + tail(cluster.member(1).output()), e);
      }
      String dbNode = podOf(api, "tier%3Ddb").at("/spec/nodeName").asText();
      int victim = Integer.parseInt(dbNode.substring(1)) - 1;
      int survivor = victim == 0 ? 1 : 0;
      Http survivorApi = new Http(cluster.member(survivor).url());
      String address = Cidr.parse(survivorApi.get("/api/v1/nodes/" + TestCluster.nodeName(survivor)).json()
          .at("/spec/podCIDR").asText()).address(1);
      int nodePort = survivorApi.get("/api/v1/namespaces/default/services/frontend").json()
          .at("/spec/ports/0/nodePort").asInt();

      String message = "before the failover " + System.nanoTime();
      assertThat(ServiceTraffic.exchange(address, nodePort, "POST", "/", "message="
          + java.net.URLEncoder.encode(message, java.nio.charset.StandardCharsets.UTF_8)).status()).isEqualTo(303);
      assertThat(ServiceTraffic.exchange(address, nodePort, "GET", "/", null).body()).contains(message);

      cluster.kill9(victim);
      try {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
          JsonNode db = podOf(survivorApi, "tier%3Ddb");
          return db != null && !dbNode.equals(db.at("/spec/nodeName").asText()) && ready(survivorApi, "mariadb") == 1
              && ready(survivorApi, "frontend") >= 1;
        });
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        throw new AssertionError("MariaDB did not come back: " + survivorApi.get("/api/v1/namespaces/default/pods")
            .body() + "\nmember " + (survivor + 1) + " said:\n" + tail(cluster.member(survivor).output()), e);
      }
      await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> ServiceTraffic.exchange(address, nodePort,
          "GET", "/", null).body().contains(message));
      System.out.println("guestbook failover: MariaDB moved from " + dbNode + " to "
          + podOf(survivorApi, "tier%3Ddb").at("/spec/nodeName").asText() + " with its messages");
    } finally {
      for (int i = 0; i < 3; i++) {
        DockerSupport.removeNodeContainers(docker, TestCluster.nodeName(i));
      }
      docker.close();
    }
  }

  private static String tail(String output) {
    return output.length() > 6_000 ? output.substring(output.length() - 6_000) : output;
  }

  private static int ready(Http api, String service) {
    return ServiceTraffic.readyAddresses(api, "default", service).size();
  }

  /** The one live pod with the label, or null. */
  private static JsonNode podOf(Http api, String selector) {
    for (JsonNode pod : api.get("/api/v1/namespaces/default/pods?labelSelector=" + selector).json().get("items")) {
      if (pod.at("/metadata/deletionTimestamp").isMissingNode()) {
        return pod;
      }
    }
    return null;
  }
}
