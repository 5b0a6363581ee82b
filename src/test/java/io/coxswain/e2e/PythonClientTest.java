package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.testing.TestNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Debian's Kubernetes Python client (python3-kubernetes, installed by .ci/run) against a server,
 * with no workaround in the client code: create, watch (watch=True), read a started pod, replace as
 * read-modify-write, patch, list by label, delete with dry run, an RC with its scale and status
 * subresources, and background deletion. The script is src/test/resources/clients/python_client.py.
 */
@Tag("integration")
class PythonClientTest {
  private static final String PYTHON = "/usr/bin/python3"; // Debian's, where the package installs
  private static final int WATCH_WINDOW = 200;

  @Test
  void everyStepOfTheScriptSucceeds() throws IOException, InterruptedException {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms",
        // A small window so that the script can write past it and be told 410; bookmarks it can wait for.
        "coxswain.store.watch-window", WATCH_WINDOW, "coxswain.store.bookmark-interval", "300ms"))) {
      Path script = Path.of("src/test/resources/clients/python_client.py");
      Process process = new ProcessBuilder(PYTHON, script.toString(), node.url(), "python-client",
          Integer.toString(WATCH_WINDOW))
          .redirectErrorStream(true).start();
      boolean ended = process.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(ended).as("the script ended within 120 s: " + output).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      assertThat(output).contains("ALL OK");
    }
  }
}
