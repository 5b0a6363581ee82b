package io.coxswain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.DockerSupport;
import io.coxswain.testing.Http;
import io.coxswain.testing.ServerProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rolling update side by side on one Docker daemon: the same nginx image (from
 * examples/guestbook/build-images.sh, retagged as the "new version") rolled one pod at a time with
 * no extra delay, with a TCP readiness check on port 80 and start-first order, through Coxswain (a
 * Deployment, maxSurge 1 and maxUnavailable 0, behind a ClusterIP Service) and through Docker
 * Swarm ({@code docker service update --image}, parallelism 1, delay 0, start-first, a health
 * check, by DNS round robin: this kernel has no IPVS for Swarm's VIP mode). For each size it prints the time from the update to every
 * replica of the new version healthy with no old one left, and the requests that failed during it.
 *
 * <p>Load: wrk in a container ({@code coxswain/wrk:1}, Debian's wrk, built here), one-second runs
 * back to back with {@code Connection: close} so every request is balanced anew, from a container
 * on the pod network to the cluster IP (Coxswain) or on the service's overlay network to its
 * name (Swarm; wrk resolves it once per run, so a run's connections go to one task). Traffic stays inside containers this run creates. Swarm is initialised on
 * 127.0.0.1 (and left afterwards if this run initialised it); nothing is published on the host.
 *
 * <pre>
 *   bin/bench rollouts [--replicas 3,10,30] [--image coxswain/nginx:1]
 * </pre>
 * Needs root, a Docker daemon, nft.
 */
public final class RolloutBenchmark {
  private static final String NODE = "bench-rollouts";
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
  private static final Pattern SOCKET = Pattern.compile(
      "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

  private record Outcome(long millis, long requests, long failed) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    List<Integer> sizes = new ArrayList<>();
    for (String size : options.getOrDefault("replicas", "3,10,30").split(",")) {
      sizes.add(Integer.parseInt(size.trim()));
    }
    String image = options.getOrDefault("image", "coxswain/nginx:1");
    String next = image.substring(0, image.indexOf(':')) + ":rollout-next";
    DockerSupport.requireDocker().close();
    docker("tag", image, next);
    buildWrkImage();
    System.out.printf("Rolling update benchmark: %d cores, %s -> %s, sizes %s%n",
        Runtime.getRuntime().availableProcessors(), image, next, sizes);

    List<String> rows = new ArrayList<>();
    try (ServerProcess server = ServerProcess.member(Files.createTempDirectory("coxswain-rollouts-"),
        List.of("-Dcoxswain.node.pod-sync-period=200ms", "-Dcoxswain.network.service-proxy=nftables"),
        "--runtime", "docker", "--node-name", NODE)) {
      Http http = new Http(server.url());
      for (int n : sizes) {
        Outcome o = coxswain(http, n, image, next);
        rows.add(String.format("coxswain  replicas=%-3d  %7d ms  %7d requests  %5d failed", n, o.millis(),
            o.requests(), o.failed()));
        System.out.println(rows.get(rows.size() - 1));
      }
    } finally {
      DockerSupport.removeNodeContainers(DockerSupport.client(), NODE);
    }
    boolean initialised = !docker("info", "--format", "{{.Swarm.LocalNodeState}}").trim().equals("active");
    if (initialised) {
      docker("swarm", "init", "--advertise-addr", "127.0.0.1", "--listen-addr", "127.0.0.1:2377");
    }
    try {
      docker("network", "create", "--driver", "overlay", "--attachable", "coxbench");
      for (int n : sizes) {
        Outcome o = swarm(n, image, next);
        rows.add(String.format("swarm     replicas=%-3d  %7d ms  %7d requests  %5d failed", n, o.millis(),
            o.requests(), o.failed()));
        System.out.println(rows.get(rows.size() - 1));
      }
    } finally {
      tryDocker("network", "rm", "coxbench");
      if (initialised) {
        tryDocker("swarm", "leave", "--force");
      }
    }
    System.out.println("---");
    rows.forEach(System.out::println);
  }

  private static Outcome coxswain(Http http, int replicas, String image, String next) throws Exception {
    String name = "roll-" + replicas;
    check(http.post("/apis/apps/v1/namespaces/default/deployments", "application/yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s}
        spec:
          replicas: %d
          strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}
          selector: {matchLabels: {app: %s}}
          template:
            metadata: {labels: {app: %s}}
            spec:
              containers:
              - name: web
                image: %s
                imagePullPolicy: IfNotPresent
                readinessProbe: {tcpSocket: {port: 80}, periodSeconds: 1}
        """.formatted(name, replicas, name, name, image)));
    check(http.post("/api/v1/namespaces/default/services", "application/yaml", """
        apiVersion: v1
        kind: Service
        metadata: {name: %s}
        spec: {selector: {app: %s}, ports: [{port: 80}]}
        """.formatted(name, name)));
    awaitDeployment(http, name, image, replicas, Duration.ofMinutes(5));
    String clusterIp = http.get("/api/v1/namespaces/default/services/" + name).json().at("/spec/clusterIP").asText();
    // The service range must end on this host before any packet is sent to a cluster IP.
    io.coxswain.testing.ServiceTraffic.requireLocal(clusterIp);
    try (Load load = Load.start("coxswain-" + NODE, "http://" + clusterIp + ":80/")) {
      long t0 = System.nanoTime();
      check(http.patch("/apis/apps/v1/namespaces/default/deployments/" + name, "application/strategic-merge-patch+json",
          "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"" + next + "\"}]}}}}"));
      awaitDeployment(http, name, next, replicas, Duration.ofMinutes(10));
      long millis = (System.nanoTime() - t0) / 1_000_000;
      long[] counts = load.stop();
      check(http.delete("/apis/apps/v1/namespaces/default/deployments/" + name));
      check(http.delete("/api/v1/namespaces/default/services/" + name));
      return new Outcome(millis, counts[0], counts[1]);
    }
  }

  /** Every replica of {@code image} updated and available, and no other pod asked for. */
  private static void awaitDeployment(Http http, String name, String image, int replicas, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode d = http.get("/apis/apps/v1/namespaces/default/deployments/" + name).json();
      JsonNode s = d.path("status");
      if (d.at("/spec/template/spec/containers/0/image").asText().equals(image)
          && s.path("observedGeneration").asLong() >= d.at("/metadata/generation").asLong()
          && s.path("updatedReplicas").asInt() == replicas && s.path("replicas").asInt() == replicas
          && s.path("availableReplicas").asInt() == replicas) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new IllegalStateException("deployment " + name + " did not complete in " + limit);
  }

  private static Outcome swarm(int replicas, String image, String next) throws Exception {
    String name = "coxbench-" + replicas;
    // DNS round robin: this kernel has no IPVS, which Swarm's VIP mode needs (its VIP answers
    // "no route to host" here); wrk resolves the name once per one-second run.
    docker("service", "create", "--detach", "--name", name, "--endpoint-mode", "dnsrr", "--network", "coxbench",
        "--replicas",
        Integer.toString(replicas), "--update-parallelism", "1", "--update-delay", "0s", "--update-order",
        "start-first", "--health-cmd", "bash -c 'exec 3<>/dev/tcp/127.0.0.1/80'", "--health-interval", "1s",
        "--health-retries", "1", "--health-timeout", "1s", "--no-resolve-image", image);
    awaitSwarm(name, image, replicas, Duration.ofMinutes(5));
    try (Load load = Load.start("coxbench", "http://" + name + ":80/")) {
      long t0 = System.nanoTime();
      docker("service", "update", "--detach", "--no-resolve-image", "--image", next, name);
      awaitSwarm(name, next, replicas, Duration.ofMinutes(10));
      long millis = (System.nanoTime() - t0) / 1_000_000;
      long[] counts = load.stop();
      docker("service", "rm", name);
      return new Outcome(millis, counts[0], counts[1]);
    }
  }

  /** Exactly {@code replicas} tasks running, all of {@code image} and healthy; none of another image left running. */
  private static void awaitSwarm(String name, String image, int replicas, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      String tasks = docker("ps", "--filter", "label=com.docker.swarm.service.name=" + name, "--format",
          "{{.Image}}|{{.Status}}");
      int healthyNew = 0;
      int others = 0;
      for (String line : tasks.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        String[] parts = line.split("\\|", 2);
        if (parts[0].equals(image) && parts[1].contains("(healthy)")) {
          healthyNew++;
        } else {
          others++;
        }
      }
      if (healthyNew == replicas && others == 0) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new IllegalStateException("swarm service " + name + " did not converge in " + limit);
  }

  /** wrk in a container on {@code network}, one-second runs back to back until stopped. */
  private static final class Load implements AutoCloseable {
    private final Process process;
    private final List<String> reports = new ArrayList<>();
    private final Thread reader;
    private final String container;

    private Load(String container, Process process) {
      this.container = container;
      this.process = process;
      this.reader = new Thread(() -> {
        StringBuilder report = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            report.append(line).append('\n');
            if (line.startsWith("Transfer/sec")) {
              synchronized (reports) {
                reports.add(report.toString());
                reports.notifyAll();
              }
              report.setLength(0);
            }
          }
        } catch (IOException e) {
          // the container was stopped
        }
      });
      reader.start();
    }

    static Load start(String network, String url) throws Exception {
      String container = "coxbench-wrk-" + System.nanoTime();
      Process process = new ProcessBuilder("docker", "run", "--rm", "--name", container, "--network", network,
          "coxswain/wrk:1", "sh", "-c", "for i in $(seq 900); do wrk -t1 -c4 -d1s -H 'Connection: close' " + url
              + "; done").redirectErrorStream(true).start();
      Load load = new Load(container, process);
      load.awaitReports(2, Duration.ofSeconds(60));
      return load;
    }

    private void awaitReports(int count, Duration limit) throws InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      synchronized (reports) {
        while (reports.size() < count && System.nanoTime() < deadline && process.isAlive()) {
          reports.wait(500);
        }
        if (reports.size() < count) {
          throw new IllegalStateException("the load generator did not report: " + reports);
        }
      }
    }

    /** Requests and failures of every report since the first one that started before the update. */
    long[] stop() throws Exception {
      int seen;
      synchronized (reports) {
        seen = reports.size();
      }
      awaitReports(seen + 1, Duration.ofSeconds(30));
      close();
      long requests = 0;
      long failed = 0;
      synchronized (reports) {
        // The first two reports are the steady state before the update began.
        for (String report : reports.subList(2, reports.size())) {
          Matcher r = REQUESTS.matcher(report);
          if (r.find()) {
            requests += Long.parseLong(r.group(1));
          }
          Matcher n = NON_2XX.matcher(report);
          if (n.find()) {
            failed += Long.parseLong(n.group(1));
          }
          Matcher s = SOCKET.matcher(report);
          if (s.find()) {
            for (int g = 1; g <= 4; g++) {
              failed += Long.parseLong(s.group(g));
            }
          }
        }
      }
      return new long[] {requests, failed};
    }

    @Override
    public void close() throws Exception {
      tryDocker("rm", "-f", container);
      process.waitFor(30, TimeUnit.SECONDS);
      reader.join(10_000);
    }
  }

  private static void buildWrkImage() throws Exception {
    if (!docker("images", "-q", "coxswain/wrk:1").isBlank()) {
      return;
    }
    Process build = new ProcessBuilder("docker", "build", "-t", "coxswain/wrk:1", "-").redirectErrorStream(true)
        .start();
    build.getOutputStream().write(("""
        FROM coxswain/debian:bookworm
        RUN apt-get update && apt-get install -y --no-install-recommends wrk && rm -rf /var/lib/apt/lists/*
        """).getBytes(StandardCharsets.UTF_8));
    build.getOutputStream().close();
    String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
      throw new IllegalStateException("building coxswain/wrk:1 failed:\n" + out);
    }
  }

  private static void check(Http.Reply reply) {
    if (reply.code() >= 300) {
      throw new IllegalStateException("HTTP " + reply.code() + ": " + reply.body());
    }
  }

  private static String docker(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }

  private static void tryDocker(String... args) {
    try {
      docker(args);
    } catch (Exception e) {
      System.err.println("cleanup: " + e.getMessage());
    }
  }
}
