package io.coxswain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One long-lived watch on the default namespace's pods (list first, then watch from the list's
 * resourceVersion). For every pod it notes when the stream first showed it (ADDED), first showed a
 * status written by the node agent (containerStatuses present), and first showed it Running. Times
 * are taken when the line arrives, before it is parsed.
 */
final class PodWatch implements AutoCloseable {
  static final String PODS = "/api/v1/namespaces/default/pods";

  /** What the stream showed of one pod; nanoTime and wall-clock (epoch ns) of each first sighting. */
  static final class Seen {
    volatile long addedWall;
    volatile long firstStatusWall;
    volatile long runningNanos;
    volatile long runningWall;
    final CompletableFuture<Void> running = new CompletableFuture<>();
  }

  private final Map<String, Seen> pods = new ConcurrentHashMap<>();
  private final InputStream body;
  private final Thread reader;
  private volatile boolean closed;
  private volatile Throwable failure;

  PodWatch(HttpClient http, String base) throws IOException, InterruptedException {
    HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + PODS))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (list.statusCode() != 200) {
      throw new IOException("list pods answered " + list.statusCode() + ": " + list.body());
    }
    String rv = Json.json().readTree(list.body()).at("/metadata/resourceVersion").asText();
    // No request timeout: the stream stays open for the whole run and is closed by close().
    HttpResponse<InputStream> watch = http.send(HttpRequest.newBuilder(
            URI.create(base + PODS + "?watch=true&resourceVersion=" + rv)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    if (watch.statusCode() != 200) {
      watch.body().close();
      throw new IOException("watch pods answered " + watch.statusCode());
    }
    this.body = watch.body();
    this.reader = new Thread(this::read, "startup-bench-watch");
    reader.setDaemon(true);
    reader.start();
  }

  /** The record for {@code name}; call before creating the pod. */
  Seen expect(String name) {
    return pods.computeIfAbsent(name, n -> new Seen());
  }

  Seen get(String name) {
    return pods.get(name);
  }

  /** Set when the stream ended or broke while still wanted. */
  Throwable failure() {
    return failure;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        long nanos = System.nanoTime();
        long wall = PodStartupBenchmark.wallNanos();
        if (line.isBlank()) {
          continue;
        }
        JsonNode event = Json.json().readTree(line);
        String type = event.path("type").asText();
        if ("BOOKMARK".equals(type) || "DELETED".equals(type) || "ERROR".equals(type)) {
          continue;
        }
        JsonNode object = event.path("object");
        Seen seen = expect(object.at("/metadata/name").asText());
        if (seen.addedWall == 0) {
          seen.addedWall = wall;
        }
        JsonNode statuses = object.at("/status/containerStatuses");
        if (seen.firstStatusWall == 0 && statuses.isArray() && statuses.size() > 0) {
          seen.firstStatusWall = wall;
        }
        if (seen.runningWall == 0 && "Running".equals(object.at("/status/phase").asText())) {
          seen.runningNanos = nanos;
          seen.runningWall = wall;
          seen.running.complete(null);
        }
      }
      if (!closed) {
        failure = new IOException("watch stream ended");
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        failure = e;
      }
    }
    if (failure != null) {
      pods.values().forEach(s -> s.running.completeExceptionally(failure));
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    body.close();
    try {
      reader.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
