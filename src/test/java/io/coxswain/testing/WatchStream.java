package io.coxswain.testing;

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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A raw HTTP watch whose events (one JSON object per line) are collected as they arrive. */
public final class WatchStream implements AutoCloseable {
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final InputStream body;

  public WatchStream(String url) throws IOException, InterruptedException {
    HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    this.body = response.body();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          events.add(Json.json().readTree(line));
        }
      } catch (IOException ignored) {
        // closed by the test
      }
    }, "watch-stream");
    reader.setDaemon(true);
    reader.start();
  }

  public List<JsonNode> events() {
    return events;
  }

  /** "TYPE name@resourceVersion" for each event, BOOKMARKs as "BOOKMARK @rv". */
  public List<String> summary() {
    return events.stream().map(e -> e.get("type").asText() + " " + e.at("/object/metadata/name").asText("")
        + "@" + e.at("/object/metadata/resourceVersion").asText()).toList();
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
