package io.coxswain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.Json;
import io.coxswain.testing.TestNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The API and store benchmark: creates with concurrent clients over real HTTP, watch delivery
 * latency, full and paged lists, and the heap the held objects take.
 *
 * <pre>
 *   bin/bench api [--pods 150000] [--clients 8] [--watch-pods 5000] [--url http://127.0.0.1:8001]
 * </pre>
 * With --url it drives an already running server (no heap figure); otherwise it starts one in
 * this JVM.
 * <pre>
 * </pre>
 */
public final class ApiBenchmark {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final int WARM_ROUND = 5_000;
  private static final int MAX_WARM_ROUNDS = 12;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int pods = Integer.parseInt(options.getOrDefault("pods", "150000"));
    int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
    int watchPods = Integer.parseInt(options.getOrDefault("watch-pods", "5000"));
    System.out.printf("Coxswain API benchmark: %d pods, %d clients, %d watched creates, %d cores, max heap %d MiB%n",
        pods, clients, watchPods, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

    String external = options.get("url");
    long heapBaseline = usedHeapAfterGc();
    // The API and store alone: with the scheduler on, 150,000 pods on one node (110 pods max) would
    // mostly be unschedulable, and their FailedScheduling writes would be measured too.
    try (TestNode node = external == null ? TestNode.start(Map.of("coxswain.scheduler.enabled", false,
        "coxswain.controllers.enabled", false)) : null) {
      String base = external == null ? node.url() : external;
      warmUp(base, clients);

      Histogram creates = createPods(base, "bench", pods, clients);
      printLatency("create", creates);

      Histogram delivery = watchDelivery(base, watchPods, clients);
      printLatency("watch delivery (write sent -> event received)", delivery);

      listing(base, pods + watchPods);

      if (external != null) {
        return;
      }
      long heap = usedHeapAfterGc() - heapBaseline;
      System.out.printf("heap: %,d objects held, %.0f MiB used after full GC (%.0f bytes per pod)%n",
          pods + watchPods, heap / 1048576.0, (double) heap / (pods + watchPods));
    }
  }

  /**
   * Creates (and deletes) pods in rounds until the JIT compilers have settled — compilation under
   * a twentieth of a round's wall time, at most {@link #MAX_WARM_ROUNDS} rounds — so the measured
   * run is the server's steady state, not the first minute of a fresh JVM. On two cores C2 spends
   * tens of seconds compiling the server's hot paths; each round's rate is printed to show it.
   * (With {@code --url} the compilers watched are this JVM's, the load generator's, so the
   * rounds may stop before the remote server has settled.)
   */
  private static void warmUp(String base, int clients) throws Exception {
    var compiler = ManagementFactory.getCompilationMXBean();
    for (int round = 1; round <= MAX_WARM_ROUNDS; round++) {
      long compileStart = compiler.getTotalCompilationTime();
      long start = System.nanoTime();
      createPods(base, "warm" + round, WARM_ROUND, clients);
      double millis = (System.nanoTime() - start) / 1e6;
      long compiling = compiler.getTotalCompilationTime() - compileStart;
      System.out.printf("warm-up round %d: %,d creates/s, JIT compiling %d ms of %.0f ms%n", round,
          Math.round(WARM_ROUND / millis * 1000), compiling, millis);
      deleteCollection(base, "warm" + round);
      if (compiling < millis / 20) {
        return;
      }
    }
  }

  private static Histogram createPods(String base, String prefix, int count, int clients) throws Exception {
    Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
    AtomicLong next = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Histogram>> results = new ArrayList<>();
    long start = System.nanoTime();
    long cpuStart = processCpuNanos();
    CpuMeter meter = CpuMeter.start();
    for (int c = 0; c < clients; c++) {
      results.add(pool.submit(() -> {
        Histogram local = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        try (RawHttpClient http = new RawHttpClient(base)) {
          for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            byte[] body = pod(prefix + "-" + i, prefix).getBytes(StandardCharsets.UTF_8);
            long t0 = System.nanoTime();
            int code = http.send("POST", PODS, "application/json", body);
            local.recordValue(System.nanoTime() - t0);
            if (code != 201) {
              throw new IllegalStateException("create answered " + code);
            }
          }
        }
        return local;
      }));
    }
    for (Future<Histogram> result : results) {
      histogram.add(result.get());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuMicros = (processCpuNanos() - cpuStart) / 1e3 / count;
    CpuMeter.Usage usage = meter.stop();
    pool.shutdown();
    if (!prefix.startsWith("warm")) {
      // CPU per create (server and load generator together) is steadier than the rate on a
      // shared virtual machine, where stolen time moves the wall clock between runs.
      System.out.printf("creates: %,d in %.1f s = %,.0f creates/s; process CPU %.0f us per create%n",
          count, seconds, count / seconds, cpuMicros);
      System.out.printf("  CPU per create by thread group (us): %s%n  %s%n", perCreate(usage, count), usage);
    }
    return histogram;
  }

  /** Writes while one watcher listens; latency from sending a create to receiving its event. */
  private static Histogram watchDelivery(String base, int count, int clients) throws Exception {
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
    String rv = Json.json().readTree(client().send(HttpRequest.newBuilder(URI.create(base + PODS + "?limit=1")).build(),
        HttpResponse.BodyHandlers.ofString()).body()).at("/metadata/resourceVersion").asText();
    HttpResponse<InputStream> watch = client().send(HttpRequest.newBuilder(
            URI.create(base + PODS + "?watch=true&labelSelector=app%3Dwatched&resourceVersion=" + rv)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    CountDownLatch received = new CountDownLatch(count);
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null && received.getCount() > 0; line = in.readLine()) {
          long now = System.nanoTime();
          JsonNode event = Json.json().readTree(line);
          Long sent = sentAt.get(event.at("/object/metadata/name").asText());
          if (sent != null && "ADDED".equals(event.get("type").asText())) {
            synchronized (histogram) {
              histogram.recordValue(now - sent);
            }
            received.countDown();
          }
        }
      } catch (Exception e) {
        if (received.getCount() > 0) {
          e.printStackTrace();
        }
      }
    }, "watch-reader");
    reader.setDaemon(true);
    reader.start();

    AtomicLong next = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> writers = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      writers.add(pool.submit(() -> {
        try (RawHttpClient http = new RawHttpClient(base)) {
          for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            String name = "watched-" + i;
            byte[] body = pod(name, "watched").getBytes(StandardCharsets.UTF_8);
            sentAt.put(name, System.nanoTime());
            http.send("POST", PODS, "application/json", body);
          }
        }
        return null;
      }));
    }
    for (Future<?> writer : writers) {
      writer.get();
    }
    pool.shutdown();
    if (!received.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("watch delivered only " + (count - received.getCount()) + " of " + count);
    }
    watch.body().close();
    return histogram;
  }

  private static void listing(String base, int expected) throws Exception {
    HttpClient http = client();
    for (int round = 0; round < 3; round++) {
      long t0 = System.nanoTime();
      HttpResponse<InputStream> full = http.send(HttpRequest.newBuilder(URI.create(base + PODS)).build(),
          HttpResponse.BodyHandlers.ofInputStream());
      long bytes = full.body().transferTo(java.io.OutputStream.nullOutputStream());
      double fullMs = (System.nanoTime() - t0) / 1e6;

      long t1 = System.nanoTime();
      int pages = 0;
      int items = 0;
      String token = "";
      do {
        String uri = base + PODS + "?limit=500" + (token.isEmpty() ? "" : "&continue=" + token);
        JsonNode page = Json.json().readTree(http.send(HttpRequest.newBuilder(URI.create(uri)).build(),
            HttpResponse.BodyHandlers.ofByteArray()).body());
        items += page.get("items").size();
        token = page.at("/metadata/continue").asText("");
        pages++;
      } while (!token.isEmpty());
      double pagedMs = (System.nanoTime() - t1) / 1e6;
      if (items != expected) {
        throw new IllegalStateException("paged list returned " + items + " of " + expected);
      }
      System.out.printf("list round %d: full list %,d bytes in %.0f ms; paged (limit=500) %d pages, %,d items in %.0f ms%n",
          round + 1, bytes, fullMs, pages, items, pagedMs);
    }
  }

  private static void deleteCollection(String base, String app) throws Exception {
    client().send(HttpRequest.newBuilder(URI.create(base + PODS + "?labelSelector=app%3D" + app)).DELETE().build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A pod like those an RC makes: labels, one container with ports, env, resources and a probe. */
  static String pod(String name, String app) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"" + app
        + "\",\"tier\":\"frontend\"}},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"guestbook-frontend:v1\","
        + "\"ports\":[{\"containerPort\":80,\"name\":\"http\"}],\"env\":[{\"name\":\"GET_HOSTS_FROM\",\"value\":\"env\"}],"
        + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"},\"limits\":{\"memory\":\"128Mi\"}},"
        + "\"readinessProbe\":{\"httpGet\":{\"path\":\"/\",\"port\":80}}}]}}";
  }

  private static void printLatency(String what, Histogram h) {
    System.out.printf("%s latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (n=%,d)%n", what,
        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
        h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6, h.getTotalCount());
  }

  /** Where a create's CPU goes: each thread group's CPU over the run, divided by the creates. */
  private static String perCreate(CpuMeter.Usage usage, int count) {
    StringBuilder out = new StringBuilder();
    double threads = 0;
    for (Map.Entry<String, Double> group : usage.jvmByThreadGroup().entrySet()) {
      threads += group.getValue();
      if (group.getValue() * 1e6 / count >= 5) {
        out.append(String.format("%s %.0f, ", group.getKey(), group.getValue() * 1e6 / count));
      }
    }
    double vm = 0;
    for (Map.Entry<String, Double> group : usage.vmSeconds().entrySet()) {
      vm += group.getValue();
      out.append(String.format("%s %.0f, ", group.getKey(), group.getValue() * 1e6 / count));
    }
    return out.append(String.format("other VM threads %.0f", Math.max(0, usage.jvmSeconds() - threads - vm) * 1e6 / count))
        .toString();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
