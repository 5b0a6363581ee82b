package io.coxswain.bench;

import io.coxswain.testing.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code bin/bench disk}: bytes on disk under churn, Coxswain beside etcd. The same load for both
 * from 8 keep-alive connections: {@code --pods} objects created, then {@code --updates} writes
 * spread round robin over them (Coxswain: merge patches of a label through the API; etcd: puts of
 * the pod's JSON with that label changed, through its v3 JSON gateway). Coxswain compacts by itself
 * after each snapshot; etcd's figure is taken before and after compaction and defragmentation.
 */
public final class DiskBenchmark {
  private DiskBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int pods = Integer.parseInt(options.getOrDefault("pods", "1000"));
    int updates = Integer.parseInt(options.getOrDefault("updates", "1000000"));
    int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
    boolean etcd = Boolean.parseBoolean(options.getOrDefault("etcd", "true"));
    Path root = Files.createTempDirectory("coxswain-disk-bench");
    System.out.printf("disk use: %,d objects, %,d updates, %d clients%n", pods, updates, clients);

    Path data = root.resolve("coxswain");
    try (ServerProcess server = ServerProcess.start(data)) {
      StoreDiskRun.Result r = StoreDiskRun.run(server.url(), data, pods, updates, clients);
      System.out.printf("coxswain: %,d updates in %.1f s (%,.0f/s), %d not 2xx%n", updates, r.updateSeconds(),
          updates / r.updateSeconds(), r.failures());
      System.out.printf("coxswain: after creates %s; after updates %s (journal %s, snapshots %s); peak %s%n",
          DiskUsage.mib(r.afterCreates()), DiskUsage.mib(r.afterUpdates()), DiskUsage.mib(r.journal()),
          DiskUsage.mib(r.snapshots()), DiskUsage.mib(r.peak()));
      System.out.printf("coxswain: %,.0f bytes per stored object, %.1f bytes per write (end), %.1f (peak)%n",
          (double) r.afterUpdates() / pods, (double) r.afterUpdates() / (pods + updates),
          (double) r.peak() / (pods + updates));
    }
    if (etcd) {
      Path etcdData = root.resolve("etcd");
      try (EtcdServer server = EtcdServer.start(etcdData, 23790, 23800)) {
        double seconds = etcdLoad(server.url(), pods, updates, clients);
        long db = server.dbBytes();
        long wal = server.walBytes();
        System.out.printf("etcd: %,d puts in %.1f s (%,.0f/s)%n", updates, seconds, updates / seconds);
        System.out.printf("etcd: before compaction db %s, wal %s%n", DiskUsage.mib(db), DiskUsage.mib(wal));
        server.compactAndDefragment();
        db = server.dbBytes();
        wal = server.walBytes();
        System.out.printf("etcd: after compaction and defrag db %s, wal %s (preallocated 64 MiB segments)%n",
            DiskUsage.mib(db), DiskUsage.mib(wal));
        System.out.printf("etcd: %,.0f bytes per stored object (db + wal), %.1f bytes per write; db alone %,.0f per object%n",
            (double) (db + wal) / pods, (double) (db + wal) / (pods + updates), (double) db / pods);
      }
    }
  }

  private static double etcdLoad(String url, int pods, int updates, int clients) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      StoreDiskRun.forEachClient(pool, clients, (client, http) -> {
        for (int i = client; i < pods; i += clients) {
          put(http, i, StoreDiskRun.pod("disk-" + i));
        }
      }, url);
      long start = System.nanoTime();
      StoreDiskRun.forEachClient(pool, clients, (client, http) -> {
        for (int k = client; k < updates; k += clients) {
          put(http, k % pods, StoreDiskRun.pod("disk-" + (k % pods)).replace("\"app\":\"disk\"",
              "\"app\":\"disk\",\"rev\":\"" + k + "\""));
        }
      }, url);
      return (System.nanoTime() - start) / 1e9;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void put(RawHttpClient http, int index, String value) throws Exception {
    int code = http.send("POST", "/v3/kv/put", "application/json",
        EtcdServer.putBody("/registry/pods/default/disk-" + index, value));
    if (code != 200) {
      throw new IllegalStateException("etcd put answered " + code);
    }
  }
}
