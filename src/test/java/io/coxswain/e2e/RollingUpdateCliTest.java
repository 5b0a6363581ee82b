package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The talk's RC rolling update through the real {@code bin/cox} and the kubectl plugin
 * ({@code bin/kubectl-rolling_update}), simulated runtime: pods replaced one at a time (never more
 * than replicas + 1), the update carried on by the server when the client is killed, rollback to
 * the previous template, and the server's refusal printed with a non-zero exit.
 */
@Tag("integration")
class RollingUpdateCliTest {
  private record Run(int exitCode, String out) {}

  private static Run cox(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bin/cox"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("cox " + String.join(" ", args) + " did not finish in 120 s");
    }
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static List<String> images(Http http) {
    List<String> images = new ArrayList<>();
    for (JsonNode pod : http.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dweb").json().get("items")) {
      if (pod.at("/metadata/deletionTimestamp").isMissingNode()) {
        images.add(pod.at("/spec/containers/0/image").asText());
      }
    }
    return images;
  }

  @Test
  void podsAreReplacedOneAtATimeOnTheServerAndRolledBack() throws Exception {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"))) {
      Http http = new Http(node.url());
      String server = "--server=" + node.url();
      assertThat(http.post("/api/v1/namespaces/default/replicationcontrollers", "application/yaml", """
          kind: ReplicationController
          metadata: {name: web}
          spec:
            replicas: 3
            selector: {app: web}
            template:
              metadata: {labels: {app: web}}
              spec: {containers: [{name: c, image: "web:1"}]}
          """).code()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(30)).until(() -> images(http).size() == 3);

      // Sampled while it runs: never more than replicas + 1 pods.
      List<Integer> counts = new ArrayList<>();
      Thread sampler = new Thread(() -> {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Thread.currentThread().isInterrupted() && System.nanoTime() < until) {
          counts.add(images(http).size());
        }
      });
      sampler.start();
      Run update = cox("rolling-update", "web", "--image=web:2", "--update-period=0s", "--timeout=60s", server);
      sampler.interrupt();
      sampler.join();
      assertThat(update.exitCode()).as(update.out()).isZero();
      assertThat(update.out()).contains("rolling update complete", "3/3 pods updated (3 ready), 0 old left");
      assertThat(images(http)).containsOnly("web:2").hasSize(3);
      assertThat(counts).isNotEmpty().allMatch(n -> n <= 4);
      JsonNode rc = http.get("/api/v1/namespaces/default/replicationcontrollers/web").json();
      assertThat(rc.at("/metadata/annotations").toString()).doesNotContain("rolling-update-period")
          .contains("previous-template");

      // The client is killed early: the update goes on in the cluster, and rollout status follows it.
      Process client = new ProcessBuilder("bin/cox", "rolling-update", "web", "--image=web:3", "--update-period=1s",
          server).redirectErrorStream(true).start();
      BufferedReader lines = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      assertThat(lines.readLine()).contains("rolling update started");
      client.destroyForcibly();
      client.waitFor(10, TimeUnit.SECONDS);
      Run status = cox("rollout", "status", "web", "--timeout=90s", server);
      assertThat(status.exitCode()).as(status.out()).isZero();
      assertThat(images(http)).containsOnly("web:3").hasSize(3);

      Run back = cox("rollback", "web", "--update-period=0s", "--timeout=60s", server);
      assertThat(back.exitCode()).as(back.out()).isZero();
      assertThat(images(http)).containsOnly("web:2").hasSize(3);

      // The kubectl plugin: kubectl finds kubectl-rolling_update on the PATH; cox reads kubectl's kubeconfig.
      Path kubeconfig = Files.createTempFile("kubeconfig-", ".yaml");
      Files.writeString(kubeconfig, """
          apiVersion: v1
          kind: Config
          clusters: [{name: test, cluster: {server: "%s"}}]
          contexts: [{name: test, context: {cluster: test, namespace: default}}]
          current-context: test
          """.formatted(node.url()));
      ProcessBuilder plugin = new ProcessBuilder("kubectl", "rolling-update", "web", "--image=web:4",
          "--update-period=0s", "--timeout=60s").redirectErrorStream(true);
      plugin.environment().put("PATH", Path.of("bin").toAbsolutePath() + ":" + System.getenv("PATH"));
      plugin.environment().put("KUBECONFIG", kubeconfig.toString());
      Process viaKubectl = plugin.start();
      assertThat(viaKubectl.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String pluginOut = new String(viaKubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(viaKubectl.exitValue()).as(pluginOut).isZero();
      assertThat(new TreeSet<>(images(http))).containsExactly("web:4");

      Run missing = cox("rolling-update", "nope", "--image=x", server);
      assertThat(missing.exitCode()).isEqualTo(1);
      assertThat(missing.out()).contains("Error from server (NotFound)", "\"nope\" not found");
      Run same = cox("rolling-update", "web", "--image=web:4", server);
      assertThat(same.exitCode()).isEqualTo(1);
      assertThat(same.out()).contains("already runs this template");
      Run badPeriod = cox("rolling-update", "web", "--image=web:5", "--update-period=soon", server);
      assertThat(badPeriod.exitCode()).isEqualTo(1);
      assertThat(badPeriod.out()).contains("not a duration");
      Run help = cox("--help");
      assertThat(help.out()).contains("rolling-update", "rollback", "rollout");
    }
  }
}
