package io.coxswain.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Debian's etcd-server on loopback with its default syncing, for side-by-side measurements: a
 * fresh data directory, client and peer ports given, talked to through its v3 JSON gateway.
 */
final class EtcdServer implements AutoCloseable {
  private final Process process;
  private final Path dataDir;
  private final String url;

  private EtcdServer(Process process, Path dataDir, String url) {
    this.process = process;
    this.dataDir = dataDir;
    this.url = url;
  }

  static EtcdServer start(Path dataDir, int clientPort, int peerPort) throws Exception {
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    Process process = new ProcessBuilder("etcd", "--name", "bench", "--data-dir", dataDir.toString(),
        "--listen-client-urls", client, "--advertise-client-urls", client,
        "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
        "--initial-cluster", "bench=" + peer, "--log-level", "warn")
        .redirectErrorStream(true)
        .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile())
        .start();
    EtcdServer etcd = new EtcdServer(process, dataDir, client);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      try (RawHttpClient http = new RawHttpClient(client)) {
        if (http.send("GET", "/health", null, null) == 200) {
          return etcd;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        process.destroyForcibly();
        throw new IllegalStateException("etcd did not come up (is etcd-server installed?)");
      }
      Thread.sleep(100); // polling a child process for readiness; not synchronisation of our own code
    }
  }

  String url() {
    return url;
  }

  /** The body of a v3 put through the JSON gateway ({@code POST /v3/kv/put}). */
  static byte[] putBody(String key, String value) {
    Base64.Encoder b64 = Base64.getEncoder();
    return ("{\"key\":\"" + b64.encodeToString(key.getBytes(StandardCharsets.UTF_8)) + "\",\"value\":\""
        + b64.encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  /** Compacts history up to the current revision and defragments, as a Kubernetes cluster's etcd is kept. */
  void compactAndDefragment() throws IOException {
    try (RawHttpClient http = new RawHttpClient(url)) {
      String status = http.sendForBody("POST", "/v3/kv/range", "application/json",
          "{\"key\":\"AA==\"}".getBytes(StandardCharsets.UTF_8));
      String revision = status.replaceAll("(?s).*\"revision\":\"(\\d+)\".*", "$1");
      check(http.send("POST", "/v3/kv/compaction", "application/json",
          ("{\"revision\":\"" + revision + "\",\"physical\":true}").getBytes(StandardCharsets.UTF_8)));
      check(http.send("POST", "/v3/maintenance/defragment", "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
    }
  }

  private static void check(int code) {
    if (code != 200) {
      throw new IllegalStateException("etcd answered " + code);
    }
  }

  /** Bytes of the data directory: the backend database and the write-ahead log (preallocated segments). */
  long dbBytes() throws IOException {
    return DiskUsage.bytes(dataDir.resolve("member/snap"));
  }

  long walBytes() throws IOException {
    return DiskUsage.bytes(dataDir.resolve("member/wal"));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
