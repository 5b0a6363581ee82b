package io.coxswain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl binary against a test server, with an empty kubeconfig of its own. */
public final class Kubectl {
  private final String server;
  private final Path kubeconfig;

  public Kubectl(String server) {
    this.server = server;
    try {
      this.kubeconfig = Files.createTempFile("kubeconfig-", ".yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public record Result(int exitCode, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  public Result run(String... args) {
    try {
      Process process = start(args);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish in 60 s");
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.exitValue(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts kubectl without waiting (for {@code get -w}); the caller reads and destroys it. */
  public Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("kubectl", "--server", server));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("HOME", kubeconfig.getParent().toString());
    return builder.start();
  }
}
