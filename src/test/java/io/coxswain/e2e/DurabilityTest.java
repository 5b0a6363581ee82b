package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.PodJson;
import io.coxswain.testing.ServerProcess;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's promise: every write answered 2xx survives kill -9 of the server, taken right after
 * the last answer (not seconds later, which would hide a delayed flush), with the same
 * resourceVersion; and the revision keeps rising after the restart.
 */
@Tag("integration")
class DurabilityTest {
  @TempDir
  Path data;

  private static String pod(String name) {
    return PodJson.labelled(name, "d");
  }

  @Test
  void acknowledgedWritesSurviveKill9() throws Exception {
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    try (ServerProcess server = ServerProcess.start(data)) {
      Http http = new Http(server.url());
      ExecutorService clients = Executors.newFixedThreadPool(4);
      for (int c = 0; c < 4; c++) {
        int client = c;
        clients.submit(() -> {
          for (int i = 0; i < 50; i++) {
            String name = "p-" + client + "-" + i;
            Http.Reply reply = http.post("/api/v1/namespaces/default/pods", "application/json", pod(name));
            if (reply.code() == 201) {
              acknowledged.put(name, reply.json().at("/metadata/resourceVersion").asText());
            }
          }
        });
      }
      clients.shutdown();
      assertThat(clients.awaitTermination(120, TimeUnit.SECONDS)).isTrue();
      // One more write, answered, then kill at once.
      Http.Reply last = http.patch("/api/v1/namespaces/default/pods/p-0-0", "application/merge-patch+json",
          "{\"metadata\":{\"labels\":{\"last\":\"yes\"}}}");
      assertThat(last.code()).isEqualTo(200);
      acknowledged.put("p-0-0", last.json().at("/metadata/resourceVersion").asText());
      server.kill9();
    }
    assertThat(acknowledged).hasSize(200);

    try (ServerProcess server = ServerProcess.start(data)) {
      Http http = new Http(server.url());
      JsonNode list = http.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dd").json();
      Map<String, String> recovered = new LinkedHashMap<>();
      list.get("items").forEach(p -> recovered.put(p.at("/metadata/name").asText(), p.at("/metadata/resourceVersion").asText()));
      assertThat(recovered).isEqualTo(acknowledged);
      assertThat(http.get("/api/v1/namespaces/default/pods/p-0-0").json().at("/metadata/labels/last").asText())
          .isEqualTo("yes");

      long highest = acknowledged.values().stream().mapToLong(Long::parseLong).max().orElseThrow();
      Http.Reply after = http.post("/api/v1/namespaces/default/pods", "application/json", pod("after-restart"));
      assertThat(after.code()).isEqualTo(201);
      assertThat(after.json().at("/metadata/resourceVersion").asLong()).isGreaterThan(highest);
      assertThat(server.terminate()).as("clean exit on SIGTERM").isIn(0, 143);
    }
  }
}
