package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.testing.TestNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes JavaScript client (@kubernetes/client-node 1.x; .ci/run installs it with npm ci
 * into src/test/node-client) against a server, with no workaround in the client code: create,
 * watch from a revision with bookmarks, read a started pod, replace as read-modify-write, the three
 * patch types, label and field selectors, paging with remainingItemCount, an informer that must see
 * every change, Secrets from stringData, the default ServiceAccount, a coordination.k8s.io Lease, an
 * RC's scale and status subresources, a followed log, dry-run and orphaning deletes, deletecollection.
 * The program is src/test/node-client/node_client.mjs.
 */
@Tag("integration")
class NodeClientTest {
  private static final int WATCH_WINDOW = 200;

  @Test
  void everyStepOfTheProgramSucceeds() throws IOException, InterruptedException {
    Path dir = Path.of("src/test/node-client");
    assertThat(Files.isDirectory(dir.resolve("node_modules/@kubernetes/client-node")))
        .as("the client is installed (npm ci in src/test/node-client, as .ci/run does)").isTrue();
    try (TestNode node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms",
        // A small window so that the program can write past it and be told 410; bookmarks it can wait for.
        "coxswain.store.watch-window", WATCH_WINDOW, "coxswain.store.bookmark-interval", "300ms"))) {
      Process process = new ProcessBuilder("node", "node_client.mjs", node.url(), "node-client",
          Integer.toString(WATCH_WINDOW))
          .directory(dir.toFile()).redirectErrorStream(true).start();
      boolean ended = process.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(ended).as("the program ended within 120 s: " + output).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output).contains("ALL OK");
    }
  }
}
