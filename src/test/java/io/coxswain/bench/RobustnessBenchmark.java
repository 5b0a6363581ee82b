package io.coxswain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.Json;
import io.coxswain.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The store's promises under stress, against a server process (store only) on loopback:
 * <ol>
 *   <li>durability: 8 clients create objects while the server is killed with SIGKILL at a random
 *       moment, {@code --kills} times; after each restart every create answered 201 must be there;</li>
 *   <li>contended read-modify-write: 8 clients increment one counter {@code --increments} times
 *       each, by GET+PUT, by merge patch with a resourceVersion, and by JSON patch with a
 *       {@code test} (retrying on 409/422); the counter must equal the increments acknowledged;</li>
 *   <li>watch exactly once: a watch from a revision while 4 writers create {@code --watched}
 *       objects; each must arrive once, in revision order.</li>
 * </ol>
 * <pre>
 *   bin/bench robustness [--kills 6] [--increments 200] [--watched 2000]
 * </pre>
 */
public final class RobustnessBenchmark {
  private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int kills = Integer.parseInt(options.getOrDefault("kills", "6"));
    int increments = Integer.parseInt(options.getOrDefault("increments", "200"));
    int watched = Integer.parseInt(options.getOrDefault("watched", "2000"));
    Path data = Files.createTempDirectory("coxswain-robust-");
    durability(data, kills);
    try (ServerProcess server = ServerProcess.start(data)) {
      contended(server.url(), increments);
      exactlyOnce(server.url(), watched);
    }
  }

  private static void durability(Path data, int kills) throws Exception {
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Random random = new Random(7);
    long lost = 0;
    for (int round = 0; round < kills; round++) {
      try (ServerProcess server = ServerProcess.start(data)) {
        lost += missing(server.url(), acknowledged);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        int r = round;
        for (int c = 0; c < 8; c++) {
          int client = c;
          clients.submit(() -> {
            try (RawHttpClient http = new RawHttpClient(server.url())) {
              for (int i = 0; running.get(); i++) {
                String name = "d-" + r + "-" + client + "-" + i;
                byte[] body = ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                    + "\"},\"data\":{\"k\":\"v\"}}").getBytes(StandardCharsets.UTF_8);
                if (http.send("POST", CONFIGMAPS, "application/json", body) == 201) {
                  acknowledged.add(name);
                }
              }
            } catch (IOException killed) {
              // the server died under this client: what it saw acknowledged is recorded
            }
            return null;
          });
        }
        TimeUnit.MILLISECONDS.sleep(1_000 + random.nextInt(3_000)); // writes pile up; then the kill, mid-write
        server.kill9();
        running.set(false);
        clients.shutdown();
        clients.awaitTermination(60, TimeUnit.SECONDS);
      }
    }
    try (ServerProcess server = ServerProcess.start(data)) {
      lost += missing(server.url(), acknowledged);
    }
    System.out.printf("durability: %d kill -9s under 8 writing clients, %d creates acknowledged, %d lost%n", kills,
        acknowledged.size(), lost);
  }

  private static long missing(String url, Set<String> acknowledged) throws IOException {
    Set<String> stored = new HashSet<>();
    HttpResponse<String> answer;
    try {
      answer = send(HttpClient.newHttpClient(), url, "GET", CONFIGMAPS, null, null);
    } catch (InterruptedException e) {
      throw new IOException(e);
    }
    JsonNode list = Json.json().readTree(answer.body());
    if (answer.statusCode() != 200 || !list.has("items")) {
      throw new IOException("list answered " + answer.statusCode() + ": " + answer.body());
    }
    list.get("items").forEach(item -> stored.add(item.at("/metadata/name").asText()));
    return acknowledged.stream().filter(name -> !stored.contains(name)).count();
  }

  private static void contended(String url, int increments) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    send(http, url, "POST", CONFIGMAPS, "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"counter\"},\"data\":{\"n\":\"0\"}}");
    ExecutorService clients = Executors.newFixedThreadPool(8);
    AtomicLong conflicts = new AtomicLong();
    List<Future<Integer>> done = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      int client = c;
      done.add(clients.submit(() -> {
        int acknowledged = 0;
        for (int i = 0; i < increments; i++) {
          int style = (client + i) % 3;
          while (true) {
            JsonNode current = Json.json().readTree(send(http, url, "GET", CONFIGMAPS + "/counter", null, null).body());
            String rv = current.at("/metadata/resourceVersion").asText();
            long n = Long.parseLong(current.at("/data/n").asText());
            HttpResponse<String> answer = switch (style) {
              case 0 -> send(http, url, "PUT", CONFIGMAPS + "/counter", "application/json",
                  "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"counter\",\"resourceVersion\":\""
                      + rv + "\"},\"data\":{\"n\":\"" + (n + 1) + "\"}}");
              case 1 -> send(http, url, "PATCH", CONFIGMAPS + "/counter", "application/merge-patch+json",
                  "{\"metadata\":{\"resourceVersion\":\"" + rv + "\"},\"data\":{\"n\":\"" + (n + 1) + "\"}}");
              default -> send(http, url, "PATCH", CONFIGMAPS + "/counter", "application/json-patch+json",
                  "[{\"op\":\"test\",\"path\":\"/data/n\",\"value\":\"" + n + "\"},"
                      + "{\"op\":\"replace\",\"path\":\"/data/n\",\"value\":\"" + (n + 1) + "\"}]");
            };
            if (answer.statusCode() == 200) {
              acknowledged++;
              break;
            }
            if (answer.statusCode() != 409 && answer.statusCode() != 422) {
              throw new IllegalStateException("increment answered " + answer.statusCode() + ": " + answer.body());
            }
            conflicts.incrementAndGet();
          }
        }
        return acknowledged;
      }));
    }
    int acknowledged = 0;
    for (Future<Integer> f : done) {
      acknowledged += f.get(300, TimeUnit.SECONDS);
    }
    clients.shutdown();
    long value = Long.parseLong(Json.json().readTree(send(http, url, "GET", CONFIGMAPS + "/counter", null, null).body())
        .at("/data/n").asText());
    System.out.printf("contended read-modify-write: %d increments acknowledged (PUT, merge patch, JSON patch test), "
        + "%d retried after a conflict, counter %d, lost updates %d%n", acknowledged, conflicts.get(), value,
        acknowledged - value);
  }

  private static void exactlyOnce(String url, int watched) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String rv = Json.json().readTree(send(http, url, "GET", CONFIGMAPS + "?limit=1", null, null).body())
        .at("/metadata/resourceVersion").asText();
    HttpResponse<Stream<String>> watch = http.send(HttpRequest.newBuilder(URI.create(url + CONFIGMAPS
        + "?watch=1&labelSelector=w%3D1&timeoutSeconds=120&resourceVersion=" + rv)).build(),
        HttpResponse.BodyHandlers.ofLines());
    ExecutorService writers = Executors.newFixedThreadPool(4);
    for (int w = 0; w < 4; w++) {
      int writer = w;
      writers.submit(() -> {
        try (RawHttpClient client = new RawHttpClient(url)) {
          for (int i = 0; i < watched / 4; i++) {
            byte[] body = ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"w-" + writer + "-" + i
                + "\",\"labels\":{\"w\":\"1\"}}}").getBytes(StandardCharsets.UTF_8);
            client.send("POST", CONFIGMAPS, "application/json", body);
          }
        }
        return null;
      });
    }
    Set<String> seen = new HashSet<>();
    long duplicates = 0;
    long outOfOrder = 0;
    long last = Long.parseLong(rv);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    var lines = watch.body().iterator();
    while (seen.size() < (watched / 4) * 4 && System.nanoTime() < deadline && lines.hasNext()) {
      JsonNode event = Json.json().readTree(lines.next());
      if (!event.path("type").asText().equals("ADDED")) {
        continue;
      }
      long eventRv = Long.parseLong(event.at("/object/metadata/resourceVersion").asText());
      if (eventRv <= last) {
        outOfOrder++;
      }
      last = eventRv;
      if (!seen.add(event.at("/object/metadata/name").asText())) {
        duplicates++;
      }
    }
    watch.body().close();
    writers.shutdown();
    System.out.printf("watch exactly once: %d creates by 4 writers, %d seen, %d missing, %d duplicates, %d out of "
        + "order%n", (watched / 4) * 4, seen.size(), (watched / 4) * 4 - seen.size(), duplicates, outOfOrder);
  }

  private static HttpResponse<String> send(HttpClient http, String url, String method, String path, String type,
      String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
    if (type != null) {
      request.header("Content-Type", type);
    }
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
