package io.coxswain.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Disk use of the store under churn: {@code pods} pods, then {@code updates} merge patches spread
 * round robin over them by {@code clients} keep-alive connections, with the data directory's size
 * sampled along the way. Shared by {@code bin/bench disk} and the bounded-disk test.
 */
public final class StoreDiskRun {
  private StoreDiskRun() {}

  /** Sizes in bytes; {@code failures} counts writes not answered 2xx. */
  public record Result(long afterCreates, long afterUpdates, long peak, long journal, long snapshots, long failures,
      double updateSeconds) {}

  static String pod(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"disk\"}},"
        + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"coxswain/busybox:1\",\"command\":[\"httpd\",\"-f\"],"
        + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}}]}}";
  }

  public static Result run(String url, Path dataDir, int pods, int updates, int clients) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
    AtomicLong failures = new AtomicLong();
    try {
      forEachClient(pool, clients, (client, http) -> {
        for (int i = client; i < pods; i += clients) {
          count(failures, http.send("POST", "/api/v1/namespaces/default/pods", "application/json",
              pod("disk-" + i).getBytes(StandardCharsets.UTF_8)));
        }
      }, url);
      long afterCreates = DiskUsage.bytes(dataDir);
      AtomicLong peak = new AtomicLong(afterCreates);
      AtomicLong done = new AtomicLong();
      Future<?> sampler = pool.submit(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          try {
            peak.accumulateAndGet(DiskUsage.bytes(dataDir), Math::max);
            TimeUnit.MILLISECONDS.sleep(250); // a sampling period for a measurement, not a wait for a condition
          } catch (InterruptedException e) {
            return;
          } catch (IOException ignored) {
            // a segment deleted while listed; sample again
          }
        }
      });
      long start = System.nanoTime();
      forEachClient(pool, clients, (client, http) -> {
        for (int k = client; k < updates; k += clients) {
          byte[] patch = ("{\"metadata\":{\"labels\":{\"rev\":\"" + k + "\"}}}").getBytes(StandardCharsets.UTF_8);
          count(failures, http.send("PATCH", "/api/v1/namespaces/default/pods/disk-" + (k % pods),
              "application/merge-patch+json", patch));
          long n = done.incrementAndGet();
          if (n % 100_000 == 0) {
            System.out.printf("  %,d updates, data directory %s%n", n, DiskUsage.mib(DiskUsage.bytes(dataDir)));
          }
        }
      }, url);
      double seconds = (System.nanoTime() - start) / 1e9;
      sampler.cancel(true);
      long after = DiskUsage.bytes(dataDir);
      peak.accumulateAndGet(after, Math::max);
      return new Result(afterCreates, after, peak.get(), DiskUsage.bytes(dataDir.resolve("journal")),
          DiskUsage.bytes(dataDir.resolve("snapshots")), failures.get(), seconds);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void count(AtomicLong failures, int code) {
    if (code < 200 || code > 299) {
      failures.incrementAndGet();
    }
  }

  interface ClientWork {
    void run(int client, RawHttpClient http) throws Exception;
  }

  static void forEachClient(ExecutorService pool, int clients, ClientWork work, String url) throws Exception {
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      futures.add(pool.submit(() -> {
        try (RawHttpClient http = new RawHttpClient(url)) {
          work.run(client, http);
        }
        return null;
      }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
  }
}
