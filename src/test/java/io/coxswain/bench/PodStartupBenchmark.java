package io.coxswain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Version;
import io.coxswain.api.Json;
import io.coxswain.cluster.CoxswainNode;
import io.coxswain.cluster.NodeSettings;
import io.coxswain.node.runtime.docker.BusyboxImage;
import io.coxswain.node.runtime.docker.DockerConnector;
import io.coxswain.node.runtime.docker.DockerSettings;
import io.coxswain.store.ResourceKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Pod startup latency on the Docker runtime, side by side with the floor: the same containers made
 * directly through docker-java the way the runtime makes them.
 *
 * <pre>
 *   bin/bench startup [--pods 50] [--concurrency 1] [--warmup 10] [--sync-periods 100ms,1s]
 *                     [--timeout-seconds 600] [--pod-timeout-seconds 60] [--node-name startupbench-RUN]
 *                     [--pod-subnet first free 10.244.200-254.0/24] [--docker-host unix:///var/run/docker.sock]
 *                     [--idle-seconds 5]
 * </pre>
 *
 * <p>Coxswain: a single-member cluster in this JVM with the Docker runtime; each pod is bound
 * ({@code spec.nodeName} set, so the scheduler is not in the path), one container
 * {@code coxswain-test/busybox:1} running {@code sleep 3600}. Latency is from just before the POST
 * to the moment one long-lived watch shows the pod Running. Floor: per pod, create+start a pause
 * container on the node's network, create+start the app container in its namespaces
 * ({@code container:<pause>}), inspect until running. With concurrency c, c clients each create one
 * pod and wait for it before the next. A few warm-up pods per system are not counted.
 *
 * <p>Each run's node has its own name ({@code startupbench-<run id>}, not the host name) and its own
 * network on a free subnet, so neither its start-up sweep of runtime objects "no pod claims" nor
 * this benchmark's clean-up can touch containers of any other Coxswain, test or benchmark run on the
 * same Docker daemon. Only 127.0.0.1 and the local Docker socket are contacted.
 */
public final class PodStartupBenchmark {
  static final String IMAGE = "coxswain-test/busybox:1";
  static final String PAUSE_IMAGE = "coxswain/pause:1";

  private PodStartupBenchmark() {}

  /** Wall clock in epoch ns (µs resolution on Linux), comparable with the Docker daemon's event times. */
  static long wallNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** One measured pod: total latency plus the stage boundaries (epoch ns, 0 = unknown). */
  record Sample(String pod, long latencyNanos, long startWall, long addedWall, long firstStatusWall,
                long runningWall, DockerTimeline.PodEvents docker) {}

  /** {@code idle}: CPU while the row's pods (or containers) just run afterwards. */
  record Row(String label, List<Sample> samples, Histogram histogram, CpuMeter.Usage cpu, CpuMeter.Usage idle,
             boolean coxswain) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int pods = Integer.parseInt(options.getOrDefault("pods", "50"));
    int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "1"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
    List<String> periods = List.of(options.getOrDefault("sync-periods", "100ms,1s").split(","));
    Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-seconds", "600")));
    Duration podTimeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("pod-timeout-seconds", "60")));
    String runId = Long.toString(System.currentTimeMillis(), 36);
    String nodeName = options.getOrDefault("node-name", "startupbench-" + runId);
    String dockerHost = options.getOrDefault("docker-host", "unix:///var/run/docker.sock");
    int idleSeconds = Integer.parseInt(options.getOrDefault("idle-seconds", "5"));
    if (!dockerHost.startsWith("unix://")) {
      throw new IllegalArgumentException("only a local unix:// Docker socket is allowed: " + dockerHost);
    }
    if (pods < 1 || concurrency < 1 || warmup < 0 || periods.isEmpty()) {
      throw new IllegalArgumentException("--pods and --concurrency must be >= 1, --warmup >= 0");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    String network = "coxswain-" + nodeName;
    DockerSettings settings = new DockerSettings(dockerHost, network, "", PAUSE_IMAGE, "", Path.of("/bin/busybox"),
        Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofMinutes(1));
    // The event stream may be silent for longer than one call's timeout.
    DockerSettings eventSettings = new DockerSettings(dockerHost, network, "", PAUSE_IMAGE, "",
        Path.of("/bin/busybox"), Duration.ofMinutes(5), timeout.plusMinutes(5), Duration.ofMinutes(1));

    List<Row> rows = new ArrayList<>();
    boolean networkExisted;
    try (DockerClient docker = DockerConnector.client(settings);
         DockerClient eventsClient = DockerConnector.client(eventSettings)) {
      String subnet = options.containsKey("pod-subnet") ? options.get("pod-subnet") : freeSubnet(docker);
      printMachine(docker, pods, concurrency, warmup, nodeName, network, subnet);
      BusyboxImage.ensure(docker, IMAGE, Path.of("/bin/busybox"), List.of("/bin/sh"));
      networkExisted = networkExists(docker, network);
      try (DockerTimeline timeline = DockerTimeline.start(eventsClient, nodeName)) {
        for (int p = 0; p < periods.size(); p++) {
          String period = periods.get(p).trim();
          remaining(deadline, "starting the node");
          Path dir = Files.createTempDirectory("coxswain-startup-bench-");
          CoxswainNode node = startNode(dir, nodeName, Map.of("coxswain.node.runtime", "docker",
              "coxswain.node.pod-sync-period", period, "coxswain.node.pod-subnet", subnet));
          HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5)).build();
          String base = node.apiUrl();
          try {
            if (p == 0) {
              // The floor needs the node's network, which the node has just made (or found).
              rows.add(runFloor(docker, timeline, network, runId, pods, warmup, concurrency, idleSeconds, deadline));
            }
            rows.add(runCoxswain(http, base, timeline, nodeName, "p" + period.toLowerCase(Locale.ROOT) + "-" + runId,
                period, pods, warmup, concurrency, podTimeout, idleSeconds, deadline));
          } finally {
            deletePods(http, base, docker, nodeName);
            node.close();
            removeNodeLeftovers(docker, nodeName);
            deleteTree(dir);
          }
        }
      } finally {
        removeFloorLeftovers(docker, runId);
        if (!networkExisted) {
          removeNetwork(docker, network);
        }
      }
    }
    printResults(rows, pods, warmup, concurrency, nodeName);
  }

  // ---------------------------------------------------------------- Coxswain

  private static Row runCoxswain(HttpClient http, String base, DockerTimeline timeline, String nodeName,
      String prefix, String period, int pods, int warmup, int concurrency, Duration podTimeout, int idleSeconds,
      long deadline) throws Exception {
    try (PodWatch watch = new PodWatch(http, base)) {
      runClients("coxswain warm-up", warmup, Math.min(concurrency, Math.max(1, warmup)), deadline,
          i -> coxswainPod(http, base, watch, timeline, nodeName, prefix + "-warm-" + i, podTimeout, deadline));
      CpuMeter meter = CpuMeter.start();
      List<Sample> samples = runClients("coxswain", pods, concurrency, deadline,
          i -> coxswainPod(http, base, watch, timeline, nodeName, prefix + "-" + i, podTimeout, deadline));
      CpuMeter.Usage cpu = meter.stop();
      awaitEvents(timeline, samples, 2_000);
      // The steady state afterwards: all pods running, nothing changing; what keeping them costs.
      CpuMeter idleMeter = CpuMeter.start();
      Thread.sleep(Math.min(TimeUnit.SECONDS.toMillis(idleSeconds), remaining(deadline, "idle") / 1_000_000));
      CpuMeter.Usage idle = idleMeter.stop();
      return new Row("coxswain, pod-sync-period " + period, refresh(samples, timeline), histogram(samples), cpu, idle,
          true);
    }
  }

  private static Sample coxswainPod(HttpClient http, String base, PodWatch watch, DockerTimeline timeline,
      String nodeName, String name, Duration podTimeout, long deadline) throws Exception {
    PodWatch.Seen seen = watch.expect(name);
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":"
        + "\"default\",\"labels\":{\"app\":\"startup-bench\"}},\"spec\":{\"nodeName\":\"" + nodeName + "\","
        + "\"terminationGracePeriodSeconds\":0,\"containers\":[{\"name\":\"app\",\"image\":\"" + IMAGE + "\","
        + "\"command\":[\"sleep\",\"3600\"],\"imagePullPolicy\":\"IfNotPresent\"}]}}";
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + PodWatch.PODS))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    long startWall = wallNanos();
    long start = System.nanoTime();
    HttpResponse<String> created = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (created.statusCode() != 201) {
      throw new IllegalStateException("create " + name + " answered " + created.statusCode() + ": " + created.body());
    }
    long wait = Math.min(podTimeout.toNanos(), remaining(deadline, "waiting for " + name));
    try {
      seen.running.get(wait, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("pod " + name + " not Running after " + wait / 1_000_000 + " ms"
          + describePod(http, base, name));
    }
    return new Sample(name, seen.runningNanos - start, startWall, seen.addedWall, seen.firstStatusWall,
        seen.runningWall, timeline.get(name));
  }

  private static String describePod(HttpClient http, String base, String name) {
    try {
      return "; pod status: " + Json.json().readTree(http.send(HttpRequest.newBuilder(
          URI.create(base + PodWatch.PODS + "/" + name)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString()).body()).path("status");
    } catch (Exception e) {
      return "";
    }
  }

  /**
   * Deletes every pod in default and waits, bounded, until the list is empty and the node's
   * containers are gone from Docker (with grace 0 the object goes at once and the agent tears the
   * containers down afterwards). Leftovers are force-removed once the node is closed.
   */
  private static void deletePods(HttpClient http, String base, DockerClient docker, String nodeName) {
    try {
      JsonNode items = list(http, base).path("items");
      for (JsonNode pod : items) {
        String name = pod.at("/metadata/name").asText();
        http.send(HttpRequest.newBuilder(URI.create(base + PodWatch.PODS + "/" + name + "?gracePeriodSeconds=0"))
            .timeout(Duration.ofSeconds(30)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      int left = items.size();
      while (left > 0 && System.nanoTime() < until) {
        Thread.sleep(200);
        left = list(http, base).path("items").size();
      }
      if (left > 0) {
        System.err.printf("warning: %d pods still present 120 s after deletion%n", left);
      }
      Map<String, String> ours = Map.of("io.coxswain.node", nodeName);
      List<com.github.dockerjava.api.model.Container> containers = docker.listContainersCmd().withShowAll(true)
          .withLabelFilter(ours).exec();
      while (!containers.isEmpty() && System.nanoTime() < until) {
        Thread.sleep(200);
        containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(ours).exec();
      }
      if (!containers.isEmpty()) {
        System.err.printf("warning: %d containers of node %s still there 120 s after their pods went%n",
            containers.size(), nodeName);
      }
    } catch (Exception e) {
      System.err.println("warning: deleting the benchmark pods failed: " + e);
    }
  }

  /** After the node is closed (no agent racing us): force-removes what its pods left, bounded. */
  private static void removeNodeLeftovers(DockerClient docker, String nodeName) {
    Map<String, String> ours = Map.of("io.coxswain.node", nodeName);
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      var containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(ours).exec();
      while (!containers.isEmpty() && System.nanoTime() < until) {
        for (var container : containers) {
          try {
            docker.removeContainerCmd(container.getId()).withForce(true).exec();
          } catch (com.github.dockerjava.api.exception.DockerException busyOrGone) {
            // gone already, or a removal in progress: the next listing tells
          }
        }
        Thread.sleep(200);
        containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(ours).exec();
      }
      if (!containers.isEmpty()) {
        System.err.printf("warning: %d containers of node %s could not be removed%n", containers.size(), nodeName);
      }
    } catch (RuntimeException | InterruptedException e) {
      System.err.println("warning: removing node " + nodeName + "'s containers failed: " + e);
    }
  }

  private static JsonNode list(HttpClient http, String base) throws IOException, InterruptedException {
    return Json.json().readTree(http.send(HttpRequest.newBuilder(URI.create(base + PodWatch.PODS))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private static CoxswainNode startNode(Path dir, String nodeName, Map<String, Object> overrides) throws Exception {
    CoxswainNode node = CoxswainNode.start(NodeSettings.local(dir, 0).withNodeName(nodeName).withOverrides(overrides));
    ResourceKey self = ResourceKey.clusterScoped("nodes", nodeName);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (node.store().cache().view().get(self) == null) {
      if (System.nanoTime() > until) {
        node.close();
        throw new IllegalStateException("node " + nodeName + " did not register within 30 s");
      }
      Thread.sleep(20);
    }
    return node;
  }

  // ---------------------------------------------------------------- floor

  private static Row runFloor(DockerClient docker, DockerTimeline timeline, String network, String runId, int pods,
      int warmup, int concurrency, int idleSeconds, long deadline) throws Exception {
    runClients("floor warm-up", warmup, Math.min(concurrency, Math.max(1, warmup)), deadline,
        i -> floorPod(docker, timeline, network, runId, "floor-" + runId + "-warm-" + i, deadline));
    CpuMeter meter = CpuMeter.start();
    List<Sample> samples = runClients("floor", pods, concurrency, deadline,
        i -> floorPod(docker, timeline, network, runId, "floor-" + runId + "-" + i, deadline));
    CpuMeter.Usage cpu = meter.stop();
    awaitEvents(timeline, samples, 2_000);
    CpuMeter idleMeter = CpuMeter.start();
    Thread.sleep(Math.min(TimeUnit.SECONDS.toMillis(idleSeconds), remaining(deadline, "idle") / 1_000_000));
    CpuMeter.Usage idle = idleMeter.stop();
    // Everything ran side by side until now, as Coxswain's pods do; then it all goes.
    removeFloorLeftovers(docker, runId);
    return new Row("floor (docker-java direct)", refresh(samples, timeline), histogram(samples), cpu, idle, false);
  }

  /** What DockerRuntime.runSandbox + startContainer do for this pod, minus the bookkeeping calls. */
  private static Sample floorPod(DockerClient docker, DockerTimeline timeline, String network, String runId,
      String name, long deadline) throws Exception {
    Map<String, String> pauseLabels = Map.of("io.coxswain.bench", runId, DockerTimeline.FLOOR_POD, name,
        DockerTimeline.FLOOR_ROLE, "pause");
    Map<String, String> appLabels = Map.of("io.coxswain.bench", runId, DockerTimeline.FLOOR_POD, name,
        DockerTimeline.FLOOR_ROLE, "app");
    long startWall = wallNanos();
    long start = System.nanoTime();
    String pause = docker.createContainerCmd(PAUSE_IMAGE).withName(name + "-pause").withHostName(name)
        .withLabels(pauseLabels)
        .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network).withIpcMode("shareable"))
        .exec().getId();
    docker.startContainerCmd(pause).exec();
    String app = docker.createContainerCmd(IMAGE).withName(name + "-app").withLabels(appLabels)
        .withEnv(List.of()).withEntrypoint(List.of("sleep", "3600"))
        .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:" + pause)
            .withIpcMode("container:" + pause))
        .exec().getId();
    docker.startContainerCmd(app).exec();
    for (int attempt = 0; attempt < 1000; attempt++) {
      InspectContainerResponse inspected = docker.inspectContainerCmd(app).exec();
      if (Boolean.TRUE.equals(inspected.getState().getRunning())) {
        long end = System.nanoTime();
        return new Sample(name, end - start, startWall, 0, 0, wallNanos(), timeline.get(name));
      }
      if (inspected.getState().getFinishedAt() != null && !inspected.getState().getFinishedAt().startsWith("0001")) {
        throw new IllegalStateException("floor container " + name + " exited: " + inspected.getState());
      }
      remaining(deadline, "waiting for floor container " + name);
      Thread.sleep(5);
    }
    throw new IllegalStateException("floor container " + name + " not running after 1000 inspections");
  }

  private static void removeFloorLeftovers(DockerClient docker, String runId) {
    try {
      // Apps first, then their pause containers.
      var containers = docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.coxswain.bench", runId))
          .exec();
      containers.sort(Comparator.comparing(c -> "pause".equals(c.getLabels().get(DockerTimeline.FLOOR_ROLE))));
      for (var container : containers) {
        try {
          docker.removeContainerCmd(container.getId()).withForce(true).exec();
        } catch (com.github.dockerjava.api.exception.DockerException busyOrGone) {
          // gone already, or a removal in progress
        }
      }
    } catch (RuntimeException e) {
      System.err.println("warning: removing the floor's containers failed: " + e);
    }
  }

  // ---------------------------------------------------------------- shared

  interface PodRun {
    Sample run(int index) throws Exception;
  }

  /** {@code clients} threads, each creating one pod and waiting for it before taking the next index. */
  private static List<Sample> runClients(String what, int count, int clients, long deadline, PodRun run)
      throws Exception {
    if (count == 0) {
      return List.of();
    }
    List<Sample> samples = new CopyOnWriteArrayList<>();
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            samples.add(run.run(i));
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        try {
          future.get(remaining(deadline, what) + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
          throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
          throw new IllegalStateException(what + ": overall timeout reached");
        }
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    return samples;
  }

  /** Nanoseconds left before the overall deadline; fails when none are. */
  private static long remaining(long deadline, String what) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new IllegalStateException("overall timeout (--timeout-seconds) reached while " + what);
    }
    return left;
  }

  /** Docker events may trail the API a little; wait (bounded) until each sample's app start is known. */
  private static void awaitEvents(DockerTimeline timeline, List<Sample> samples, long maxMillis)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
    while (System.nanoTime() < until && samples.stream().anyMatch(s -> timeline.get(s.pod()) == null
        || timeline.get(s.pod()).appStarted == 0)) {
      Thread.sleep(20);
    }
  }

  private static List<Sample> refresh(List<Sample> samples, DockerTimeline timeline) {
    return samples.stream().map(s -> new Sample(s.pod(), s.latencyNanos(), s.startWall(), s.addedWall(),
        s.firstStatusWall(), s.runningWall(), timeline.get(s.pod()))).toList();
  }

  private static Histogram histogram(List<Sample> samples) {
    Histogram histogram = new Histogram(3);
    samples.forEach(s -> histogram.recordValue(s.latencyNanos()));
    return histogram;
  }

  // ---------------------------------------------------------------- output

  private static void printMachine(DockerClient docker, int pods, int concurrency, int warmup, String nodeName,
      String network, String subnet) {
    Version version = docker.versionCmd().exec();
    Info info = docker.infoCmd().exec();
    long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize();
    System.out.println("Coxswain pod startup benchmark (Docker runtime vs docker-java floor)");
    System.out.printf("machine: %d cores, %.1f GiB RAM, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
        memory / 1073741824.0, System.getProperty("os.name"), System.getProperty("os.version"),
        System.getProperty("java.version"));
    System.out.printf("docker: Engine %s (API %s), storage driver %s, kernel %s; %d containers on the daemon "
            + "(%d running) before the run%n", version.getVersion(), version.getApiVersion(), info.getDriver(),
        info.getKernelVersion(), info.getContainers(), info.getContainersRunning());
    System.out.printf("setup: %d measured pods per row (+%d warm-up, not counted), concurrency %d; bound pods "
            + "(spec.nodeName=%s, scheduler not in the path); image %s, command [sleep, 3600], "
            + "imagePullPolicy IfNotPresent; network %s (%s)%n", pods, warmup, concurrency, nodeName, IMAGE, network,
        subnet);
  }

  private static void printResults(List<Row> rows, int pods, int warmup, int concurrency, String nodeName) {
    Row floor = rows.stream().filter(r -> !r.coxswain()).findFirst().orElseThrow();
    System.out.println();
    System.out.printf("Pod startup latency (ms), N=%d per row, concurrency %d%n", pods, concurrency);
    System.out.printf("%-36s %8s %8s %8s %8s %8s %14s %7s%n", "", "p50", "p90", "p99", "max", "mean",
        "first/last10", "wall s");
    for (Row row : rows) {
      Histogram h = row.histogram();
      System.out.printf("%-36s %8.1f %8.1f %8.1f %8.1f %8.1f %6.0f/%-7.0f %7.1f%n", row.label(),
          ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
          ms(h.getMaxValue()), h.getMean() / 1e6, ms(meanOf(row.samples(), true)), ms(meanOf(row.samples(), false)),
          row.cpu().wallSeconds());
    }
    System.out.println("(first/last10: mean of the first and of the last 10 pods created in the row)");
    System.out.println();
    System.out.printf("%-36s %10s %10s   %s%n", "ratio to floor", "p50", "p99", "target p99 <= 1.25 x floor");
    for (Row row : rows) {
      if (!row.coxswain()) {
        continue;
      }
      double p50 = (double) row.histogram().getValueAtPercentile(50) / floor.histogram().getValueAtPercentile(50);
      double p99 = (double) row.histogram().getValueAtPercentile(99) / floor.histogram().getValueAtPercentile(99);
      System.out.printf("%-36s %9.2fx %9.2fx   %s%n", row.label(), p50, p99, p99 <= 1.25 ? "MET" : "NOT MET");
    }
    if (pods < 100) {
      System.out.printf("(with N=%d, p99 is the slowest sample)%n", pods);
    }

    System.out.println();
    System.out.println("CPU while measuring, and afterwards while the row's containers just ran (no changes):");
    for (Row row : rows) {
      System.out.printf("  %-36s measuring:  %s%n", row.label(), row.cpu());
      System.out.printf("  %-36s   JVM CPU by thread: %s%n", "", row.cpu().topThreads(4));
      System.out.printf("  %-36s   other processes: %s%n", "", row.cpu().topOthers(3));
      System.out.printf("  %-36s idle after: %s%n", "", row.idle());
      System.out.printf("  %-36s   JVM CPU by thread: %s%n", "", row.idle().topThreads(4));
    }
    List<String> noisy = rows.stream().filter(r -> r.cpu().contaminated()).map(Row::label).toList();
    System.out.println(noisy.isEmpty() ? "No other load above 0.1 core on average during any measured row."
        : "WARNING: other processes used more than 0.1 core on average while measuring " + noisy
            + "; those rows (and the ratios built on them) are disturbed by load that is not the benchmark's.");

    System.out.println();
    System.out.println("Where the time goes (ms, p50 / p90 / max per stage; boundaries from the watch stream and the "
        + "Docker daemon's events):");
    for (Row row : rows) {
      System.out.println(row.label() + ":");
      if (row.coxswain()) {
        stage(row, "POST sent -> pod seen on watch (ADDED)", Sample::startWall, Sample::addedWall);
        stage(row, "ADDED -> pause container created", Sample::addedWall, s -> docker(s, d -> d.pauseCreated));
        stage(row, "pause created -> pause started", s -> docker(s, d -> d.pauseCreated),
            s -> docker(s, d -> d.pauseStarted));
        stage(row, "pause started -> app created", s -> docker(s, d -> d.pauseStarted),
            s -> docker(s, d -> d.appCreated));
        stage(row, "app created -> app started", s -> docker(s, d -> d.appCreated), s -> docker(s, d -> d.appStarted));
        stage(row, "app started -> first agent status on watch", s -> docker(s, d -> d.appStarted),
            Sample::firstStatusWall);
        stage(row, "first agent status -> Running on watch", Sample::firstStatusWall, Sample::runningWall);
        stage(row, "app started -> Running on watch", s -> docker(s, d -> d.appStarted), Sample::runningWall);
      } else {
        stage(row, "first call -> pause container created", Sample::startWall, s -> docker(s, d -> d.pauseCreated));
        stage(row, "pause created -> pause started", s -> docker(s, d -> d.pauseCreated),
            s -> docker(s, d -> d.pauseStarted));
        stage(row, "pause started -> app created", s -> docker(s, d -> d.pauseStarted),
            s -> docker(s, d -> d.appCreated));
        stage(row, "app created -> app started", s -> docker(s, d -> d.appCreated), s -> docker(s, d -> d.appStarted));
        stage(row, "app started -> inspect says running", s -> docker(s, d -> d.appStarted), Sample::runningWall);
      }
    }
  }

  /** Mean latency of the first (or last) 10 samples in creation order. */
  private static long meanOf(List<Sample> samples, boolean first) {
    List<Sample> ordered = samples.stream().sorted(Comparator.comparingLong(Sample::startWall)).toList();
    int n = Math.min(10, ordered.size());
    List<Sample> part = first ? ordered.subList(0, n) : ordered.subList(ordered.size() - n, ordered.size());
    return (long) part.stream().mapToLong(Sample::latencyNanos).average().orElse(0);
  }

  private static long docker(Sample sample, ToLongFunction<DockerTimeline.PodEvents> field) {
    return sample.docker() == null ? 0 : field.applyAsLong(sample.docker());
  }

  private static void stage(Row row, String name, ToLongFunction<Sample> from, ToLongFunction<Sample> to) {
    List<Long> values = new ArrayList<>();
    for (Sample s : row.samples()) {
      long a = from.applyAsLong(s);
      long b = to.applyAsLong(s);
      if (a != 0 && b != 0) {
        values.add(b - a);
      }
    }
    if (values.isEmpty()) {
      System.out.printf("  %-46s %s%n", name, "n/a");
      return;
    }
    values.sort(null);
    System.out.printf("  %-46s %7.1f / %7.1f / %7.1f  (n=%d)%n", name, ms(pick(values, 50)), ms(pick(values, 90)),
        ms(values.get(values.size() - 1)), values.size());
  }

  /** Nearest-rank percentile of sorted values. */
  private static long pick(List<Long> sorted, double percentile) {
    int rank = (int) Math.ceil(percentile / 100 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  // ---------------------------------------------------------------- housekeeping

  private static boolean networkExists(DockerClient docker, String network) {
    for (Network n : docker.listNetworksCmd().withNameFilter(network).exec()) {
      if (n.getName().equals(network)) {
        return true;
      }
    }
    return false;
  }

  /** The first 10.244.N.0/24 (N from 200) that overlaps no Docker network's IPv4 subnet. */
  private static String freeSubnet(DockerClient docker) {
    List<long[]> used = new ArrayList<>();
    for (Network n : docker.listNetworksCmd().exec()) {
      if (n.getIpam() != null && n.getIpam().getConfig() != null) {
        for (Network.Ipam.Config config : n.getIpam().getConfig()) {
          long[] range = ipv4Range(config.getSubnet());
          if (range != null) {
            used.add(range);
          }
        }
      }
    }
    for (int n = 200; n < 255; n++) {
      String subnet = "10.244." + n + ".0/24";
      long[] mine = ipv4Range(subnet);
      if (used.stream().noneMatch(r -> r[0] <= mine[1] && mine[0] <= r[1])) {
        return subnet;
      }
    }
    throw new IllegalStateException("no free 10.244.200-254.0/24 subnet; pass --pod-subnet");
  }

  /** First and last address of an IPv4 CIDR, or null for anything else. */
  private static long[] ipv4Range(String cidr) {
    if (cidr == null || !cidr.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
      return null;
    }
    String[] parts = cidr.split("/");
    long address = 0;
    for (String octet : parts[0].split("\\.")) {
      address = address << 8 | Long.parseLong(octet);
    }
    int bits = Integer.parseInt(parts[1]);
    long size = 1L << (32 - bits);
    long first = address & ~(size - 1) & 0xFFFFFFFFL;
    return new long[] {first, first + size - 1};
  }

  /** Removes the run's network; endpoints of just-removed containers may linger a moment (bounded retry). */
  private static void removeNetwork(DockerClient docker, String network) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        if (networkExists(docker, network)) {
          docker.removeNetworkCmd(network).exec();
        }
        return;
      } catch (RuntimeException e) {
        last = e;
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    System.err.println("warning: could not remove network " + network + ": " + (last == null ? "" : last.getMessage()));
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("warning: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
