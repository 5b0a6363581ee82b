package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.testing.Http;
import io.coxswain.testing.PodJson;
import io.coxswain.testing.ServerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the data directory (a 16 MiB tmpfs, filled by a filler file): writes fail with
 * a 5xx Status that says why, nothing they carried appears after a restart, and once space is freed
 * the server writes again by itself.
 */
@Tag("integration")
class DiskFullTest {
  @TempDir
  Path dir;
  private Path disk;

  @BeforeEach
  void mountSmallDisk() throws Exception {
    disk = dir.resolve("small");
    Files.createDirectories(disk);
    run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", disk.toString());
  }

  @AfterEach
  void unmount() throws Exception {
    run("umount", "-l", disk.toString());
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
  }

  private static String pod(String name) {
    return PodJson.labelled(name, "df");
  }

  /** Writes zeros until the filesystem refuses more. */
  private static void fill(Path filler) {
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      for (int i = 0; i < 1024; i++) {
        out.write(chunk);
      }
      throw new IllegalStateException("the filesystem took 64 MiB; it is not the small one");
    } catch (IOException full) {
      // No space left on device: what we wanted.
    }
  }

  @Test
  void writesFailWhileTheDiskIsFullAndWorkAgainOnceSpaceReturns() throws Exception {
    Path data = disk.resolve("data");
    Map<String, String> acknowledged = new HashMap<>();
    List<String> refused = new ArrayList<>();
    try (ServerProcess server = ServerProcess.start(data)) {
      Http http = new Http(server.url());
      for (int i = 0; i < 20; i++) {
        Http.Reply reply = http.post("/api/v1/namespaces/default/pods", "application/json", pod("before-" + i));
        assertThat(reply.code()).isEqualTo(201);
        acknowledged.put("before-" + i, reply.json().at("/metadata/resourceVersion").asText());
      }

      Path filler = disk.resolve("filler");
      fill(filler);
      Http.Reply failure = null;
      for (int i = 0; i < 200 && failure == null; i++) {
        String name = "full-" + i;
        Http.Reply reply = http.post("/api/v1/namespaces/default/pods", "application/json", pod(name));
        if (reply.code() == 201) {
          acknowledged.put(name, reply.json().at("/metadata/resourceVersion").asText()); // fit in a page's slack
        } else {
          refused.add(name);
          failure = reply;
        }
      }
      assertThat(failure).as("a write failed once the disk was full").isNotNull();
      assertThat(failure.code()).isEqualTo(500);
      assertThat(failure.json().at("/kind").asText()).isEqualTo("Status");
      assertThat(failure.json().at("/message").asText()).contains("journal").contains("No space left on device")
          .contains("was not applied");

      // Still full: every write is refused, none hangs.
      for (int i = 0; i < 3; i++) {
        Http.Reply reply = http.post("/api/v1/namespaces/default/pods", "application/json", pod("still-full-" + i));
        assertThat(reply.code()).isGreaterThanOrEqualTo(500);
        refused.add("still-full-" + i);
      }

      Files.delete(filler);
      String[] last = new String[2];
      await("writes work again once space is freed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            String name = "after-" + System.nanoTime();
            Http.Reply reply = http.post("/api/v1/namespaces/default/pods", "application/json", pod(name));
            if (reply.code() == 201) {
              last[0] = name;
              last[1] = reply.json().at("/metadata/resourceVersion").asText();
              return true;
            }
            refused.add(name);
            return false;
          });
      acknowledged.put(last[0], last[1]);
      server.kill9();
    }

    try (ServerProcess server = ServerProcess.start(data)) {
      Http http = new Http(server.url());
      Map<String, String> recovered = new HashMap<>();
      http.get("/api/v1/namespaces/default/pods?labelSelector=app%3Ddf").json().get("items").forEach(p ->
          recovered.put(p.at("/metadata/name").asText(), p.at("/metadata/resourceVersion").asText()));
      assertThat(recovered).isEqualTo(acknowledged);
      assertThat(refused).noneMatch(recovered::containsKey);
    }
  }
}
