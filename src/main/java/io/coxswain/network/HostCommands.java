package io.coxswain.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the host's network tools ({@code nft}, {@code ip}) as child processes, bounded in time.
 * Blocking: callers run it off actor threads.
 */
final class HostCommands {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Reads the children's output; daemon threads, so a stuck child never holds the JVM open. */
  private static final java.util.concurrent.ExecutorService READERS = java.util.concurrent.Executors.newCachedThreadPool(
      runnable -> {
        Thread thread = new Thread(runnable, "coxswain-host-command-output");
        thread.setDaemon(true);
        return thread;
      });

  /** What a command printed and how it ended. */
  record Result(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }

    /** The error to report: stderr, else stdout, trimmed. */
    String message() {
      String text = stderr.isBlank() ? stdout : stderr;
      return text.strip();
    }
  }

  private HostCommands() {}

  /**
   * Runs {@code command} with {@code stdin} (may be null); a command that does not end within 30 s
   * is killed and reported as exit code -1. A command that cannot start (not installed) is exit
   * code 127 with the reason in stderr, as a shell reports it.
   */
  static Result run(List<String> command, String stdin) {
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      return new Result(127, "", command.get(0) + ": " + e.getMessage());
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the command ended without reading its input; its exit code says why
    }
    try {
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "", String.join(" ", command) + " did not end within " + TIMEOUT.toSeconds() + " s");
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Result(-1, "", "interrupted");
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    }, READERS);
  }
}
