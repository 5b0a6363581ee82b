package io.coxswain.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cox server} in a child JVM, exactly as a user starts it, so tests can kill -9 it.
 * The API URL is read from the line the server prints when it is ready.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("API: (http://\\S+)");

  private final Process process;
  private final String url;
  private final StringBuilder output;

  private ServerProcess(Process process, String url, StringBuilder output) {
    this.process = process;
    this.url = url;
    this.output = output;
  }

  /** No scheduler, controllers or heartbeats writing between a store test's own writes. */
  private static final List<String> STORE_ONLY = List.of("-Dcoxswain.scheduler.enabled=false",
      "-Dcoxswain.controllers.enabled=false", "-Dcoxswain.node.heartbeat-interval=1h");

  /** A server for store tests ({@link #STORE_ONLY}). */
  public static ServerProcess start(Path dataDir, String... extraArgs) throws IOException {
    return start(dataDir, STORE_ONLY, extraArgs);
  }

  /** A server for store tests with extra {@code -D} settings for its JVM. */
  public static ServerProcess start(Path dataDir, List<String> extraSystemProperties) throws IOException {
    List<String> properties = new ArrayList<>(STORE_ONLY);
    properties.addAll(extraSystemProperties);
    return start(dataDir, properties, new String[0]);
  }

  /** A full member (scheduler, controllers, node agent), with extra {@code -D} settings for its JVM. */
  public static ServerProcess member(Path dataDir, List<String> systemProperties, String... extraArgs)
      throws IOException {
    return start(dataDir, systemProperties, extraArgs);
  }

  private static ServerProcess start(Path dataDir, List<String> systemProperties, String... extraArgs)
      throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", classpath, "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4"));
    command.addAll(systemProperties);
    command.addAll(List.of("io.coxswain.cluster.Main", "server", "--data", dataDir.toString(), "--api-port", "0"));
    if (!List.of(extraArgs).contains("--runtime")) {
      command.addAll(List.of("--runtime", "simulated")); // Docker only where a test asks for it
    }
    command.addAll(List.of(extraArgs));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<String> url = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread pump = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          Matcher m = READY.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      url.completeExceptionally(new IllegalStateException("server exited before it was ready:\n" + output));
    }, "server-output");
    pump.setDaemon(true);
    pump.start();
    try {
      return new ServerProcess(process, url.get(90, TimeUnit.SECONDS), output);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("server did not start: " + e.getMessage(), e);
    }
  }

  public String url() {
    return url;
  }

  /** What the server has printed so far (stdout and stderr). */
  public String output() {
    synchronized (output) {
      return output.toString();
    }
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no flush — what a crash or an OOM kill does. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the graceful path (CoordinatedShutdown). Returns the exit code. */
  public int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("server did not stop within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill9();
    }
  }
}
