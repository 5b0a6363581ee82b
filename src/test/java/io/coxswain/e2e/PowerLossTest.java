package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.testing.Http;
import io.coxswain.testing.PodJson;
import io.coxswain.testing.LazyFs;
import io.coxswain.testing.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's promise under a power cut, not just a process crash: the server runs on a
 * filesystem that keeps unsynced data in memory ({@link LazyFs}); 8 clients create pods; mid-stream
 * the server is killed -9 and everything not synced is dropped; a server started on what the disk
 * kept has every acknowledged pod, with its resourceVersion.
 */
@Tag("integration")
class PowerLossTest {
  private static final int CLIENTS = 8;

  @TempDir
  Path dir;

  private static String pod(String name) {
    return PodJson.labelled(name, "pl");
  }

  @Test
  void acknowledgedWritesSurviveAPowerCut() throws Exception {
    Path backing = dir.resolve("disk");
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    try (LazyFs fs = LazyFs.mount(backing, dir.resolve("mnt"));
         ServerProcess server = ServerProcess.start(fs.mountPoint().resolve("data"))) {
      Http http = new Http(server.url());
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.submit(() -> {
          for (int i = 0; i < 5_000 && !stop.get(); i++) {
            String name = "p-" + client + "-" + i;
            try {
              Http.Reply reply = http.post("/api/v1/namespaces/default/pods", "application/json", pod(name));
              if (reply.code() == 201) {
                acknowledged.put(name, reply.json().at("/metadata/resourceVersion").asText());
              }
            } catch (RuntimeException e) {
              return; // the server is gone
            }
          }
        });
      }
      // Cut the power while all 8 clients are still writing.
      await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= 600);
      server.kill9();
      fs.powerCut();
      stop.set(true);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(600);

    try (ServerProcess server = ServerProcess.start(backing.resolve("data"))) {
      Http http = new Http(server.url());
      Map<String, String> recovered = new HashMap<>();
      http.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dpl").json().get("items").forEach(p ->
          recovered.put(p.at("/metadata/name").asText(), p.at("/metadata/resourceVersion").asText()));
      Map<String, String> lost = new HashMap<>(acknowledged);
      lost.keySet().removeAll(recovered.keySet());
      assertThat(lost.size()).as("acknowledged pods missing after the power cut, of %d acknowledged (some: %s)",
          acknowledged.size(), lost.keySet().stream().sorted().limit(10).toList()).isZero();
      acknowledged.forEach((name, version) ->
          assertThat(recovered.get(name)).as("resourceVersion of %s", name).isEqualTo(version));
    }
  }
}
