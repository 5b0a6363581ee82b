package io.coxswain.bench;

import io.coxswain.testing.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * CPU at rest: one full member (scheduler, controllers, a simulated node agent) holding many
 * pods, most of them Pending because one node takes 110, and no client at all. Creates the pods,
 * lets the server settle, then reads the process's CPU from /proc over consecutive windows and
 * prints each window's share of a core, the median, and the threads that used the most.
 *
 * <pre>
 *   bin/bench idle [--pods 50000] [--settle-seconds 60] [--seconds 60] [--window-seconds 10]
 * </pre>
 */
public final class IdleCpuBenchmark {
  private static final double TICK_SECONDS = 0.01; // USER_HZ is 100 on Linux

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int pods = Integer.parseInt(options.getOrDefault("pods", "50000"));
    int settle = Integer.parseInt(options.getOrDefault("settle-seconds", "60"));
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
    int window = Integer.parseInt(options.getOrDefault("window-seconds", "10"));
    System.out.printf("Idle CPU benchmark: %d pods stored, settle %d s, measure %d s in %d s windows, %d cores%n",
        pods, settle, seconds, window, Runtime.getRuntime().availableProcessors());
    try (ServerProcess server = ServerProcess.member(Files.createTempDirectory("coxswain-idle-"),
        List.of("-Dcoxswain.node.max-pods=110"))) {
      long start = System.nanoTime();
      create(server.url(), pods);
      System.out.printf("created %d pods in %.1f s; settling%n", pods, (System.nanoTime() - start) / 1e9);
      TimeUnit.SECONDS.sleep(settle); // the quiet period being measured, not synchronisation
      long pid = server.pid();
      List<Double> shares = new ArrayList<>();
      Map<String, Long> threadsBefore = threadTicks(pid);
      for (int elapsed = 0; elapsed < seconds; elapsed += window) {
        long before = processTicks(pid);
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(window);
        double share = (processTicks(pid) - before) * TICK_SECONDS / ((System.nanoTime() - t0) / 1e9);
        shares.add(share);
        System.out.printf("  window %d: %.1f%% of a core%n", elapsed / window + 1, share * 100);
      }
      Map<String, Long> threadsAfter = threadTicks(pid);
      List<Double> sorted = shares.stream().sorted().toList();
      System.out.printf("median %.1f%% of a core (min %.1f%%, max %.1f%%)%n", sorted.get(sorted.size() / 2) * 100,
          sorted.get(0) * 100, sorted.get(sorted.size() - 1) * 100);
      Map<Long, String> top = new TreeMap<>((a, b) -> Long.compare(b, a));
      threadsAfter.forEach((name, ticks) -> {
        long used = ticks - threadsBefore.getOrDefault(name, 0L);
        if (used > 0) {
          top.merge(used, name, (x, y) -> x + ", " + y);
        }
      });
      System.out.println("busiest thread groups (CPU s over the measurement):");
      top.entrySet().stream().limit(8).forEach(e -> System.out.printf("  %.2f s  %s%n", e.getKey() * TICK_SECONDS,
          e.getValue()));
    }
  }

  private static void create(String url, int pods) throws IOException {
    try (RawHttpClient client = new RawHttpClient(url)) {
      for (int i = 0; i < pods; i++) {
        byte[] body = ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"idle-" + i
            + "\",\"labels\":{\"app\":\"idle\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox:1\","
            + "\"resources\":{\"requests\":{\"cpu\":\"1m\"}}}]}}").getBytes(StandardCharsets.UTF_8);
        int code = client.send("POST", "/api/v1/namespaces/default/pods", "application/json", body);
        if (code != 201) {
          throw new IOException("create " + i + " answered " + code);
        }
      }
    }
  }

  private static long processTicks(long pid) throws IOException {
    return ticks(Files.readString(Path.of("/proc/" + pid + "/stat")));
  }

  /** CPU ticks by thread name with digits dropped (thread pools counted as one). */
  private static Map<String, Long> threadTicks(long pid) throws IOException {
    Map<String, Long> byName = new HashMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
          byName.merge(name, ticks(stat), Long::sum);
        } catch (IOException ended) {
          // the thread ended meanwhile
        }
      }
    }
    return byName;
  }

  private static long ticks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
