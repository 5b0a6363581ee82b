package io.coxswain.bench;

import io.coxswain.api.Json;
import io.coxswain.testing.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Abusive clients against one server process (simulated runtime, defaults of application.conf)
 * while a well-behaved client keeps doing GETs and creates:
 * <ul>
 *   <li>slow bodies: N connections each declaring a body just under 3 MiB and holding back its
 *       last 100 bytes, reconnecting whenever answered or closed;</li>
 *   <li>connections: M idle sockets plus W watches of a quiet resource, idle sockets reopened
 *       whenever closed;</li>
 *   <li>both at once.</li>
 * </ul>
 * Each phase reports the good client's latency (p50/p99/max), its failures, what the abusers got
 * (429, 408, other answers, closed connections), and at the end whether every create the good
 * client saw acknowledged is stored and the server is still up. Loopback only; every loop ends
 * with its phase.
 *
 * <pre>
 *   bin/bench flood [--seconds 20] [--uploaders 300] [--idle 3000] [--watches 1100]
 * </pre>
 */
public final class FloodBenchmark {
  private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";
  private static final int BODY = 3_145_000;
  private static final int HELD_BACK = 100;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
    int uploaders = Integer.parseInt(options.getOrDefault("uploaders", "300"));
    int idle = Integer.parseInt(options.getOrDefault("idle", "3000"));
    int watches = Integer.parseInt(options.getOrDefault("watches", "1100"));
    System.out.printf("Flood benchmark: %d s per phase, %d slow uploaders, %d idle sockets, %d watches, %d cores%n",
        seconds, uploaders, idle, watches, Runtime.getRuntime().availableProcessors());
    try (ServerProcess server = ServerProcess.start(Files.createTempDirectory("coxswain-flood-"))) {
      String url = server.url();
      Set<String> acknowledged = ConcurrentHashMap.newKeySet();
      System.out.printf("%-12s %8s %8s %8s %8s %7s | %s%n", "phase", "requests", "p50 ms", "p99 ms", "max ms",
          "failed", "abusers");
      List<String> phases = List.of(options.getOrDefault("phases", "baseline,slow-bodies,connections,mix").split(","));
      for (String phase : phases) {
        switch (phase) {
          case "baseline" -> runPhase(phase, url, seconds, acknowledged, 0, 0, 0);
          case "slow-bodies" -> runPhase(phase, url, seconds, acknowledged, uploaders, 0, 0);
          case "connections" -> runPhase(phase, url, seconds, acknowledged, 0, idle, watches);
          case "mix" -> runPhase(phase, url, seconds, acknowledged, uploaders, idle, watches);
          default -> throw new IllegalArgumentException("unknown phase " + phase);
        }
      }
      boolean up = get(url, "/readyz").startsWith("HTTP/1.1 200");
      String list = get(url, CONFIGMAPS);
      long missing = acknowledged.stream().filter(name -> !list.contains("\"name\":\"" + name + "\"")).count();
      System.out.printf("server up after the floods: %s; acknowledged creates %d, missing %d%n", up,
          acknowledged.size(), missing);
      if (!up || missing > 0) {
        String output = server.output();
        System.out.println("server output (last 3000 characters):\n"
            + output.substring(Math.max(0, output.length() - 3000)));
      }
    }
  }

  /** What the abusers got back. */
  private static final class AbuserCounts {
    final AtomicLong tooMany = new AtomicLong();
    final AtomicLong timedOut = new AtomicLong();
    final AtomicLong otherAnswers = new AtomicLong();
    final AtomicLong closed = new AtomicLong();
    final AtomicLong refusedConnect = new AtomicLong();

    @Override
    public String toString() {
      return "429: " + tooMany + ", 408: " + timedOut + ", other answers: " + otherAnswers + ", closed: " + closed
          + ", connect failed: " + refusedConnect;
    }
  }

  private static void runPhase(String name, String url, int seconds, Set<String> acknowledged, int uploaders,
      int idle, int watches) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AbuserCounts counts = new AbuserCounts();
    ExecutorService abusers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "abuser");
      t.setDaemon(true);
      return t;
    });
    List<Socket> held = new ArrayList<>();
    byte[] body = slowBody();
    for (int i = 0; i < uploaders; i++) {
      abusers.submit(() -> slowUploader(url, body, running, counts));
    }
    for (int i = 0; i < watches; i++) {
      held.add(openWatch(url, counts));
    }
    if (idle > 0) {
      abusers.submit(() -> idleSockets(url, idle, running, counts));
    }
    Histogram latency = new Histogram(60_000_000_000L, 3);
    Map<Integer, Long> failures = new java.util.TreeMap<>();
    long failed = goodClient(url, seconds, acknowledged, name, latency, failures);
    running.set(false);
    for (Socket s : held) {
      closeQuietly(s);
    }
    abusers.shutdownNow();
    abusers.awaitTermination(30, TimeUnit.SECONDS);
    System.out.printf("%-12s %8d %8.1f %8.1f %8.1f %7d | %s%n", name, latency.getTotalCount(),
        latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6,
        failed, uploaders + idle + watches == 0 ? "-" : counts);
    if (!failures.isEmpty()) {
      System.out.println("  the good client's failures by status (-1: connection dropped): " + failures);
    }
    String metrics = get(url, "/metrics");
    System.out.println("  server after the phase: " + String.join(", ", metrics.substring(metrics.indexOf("\r\n\r\n") + 4)
        .lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList()));
  }

  /** One GET of the collection and one create per round, one connection, for the phase's length. */
  private static long goodClient(String url, int seconds, Set<String> acknowledged, String phase, Histogram latency,
      Map<Integer, Long> failures) throws IOException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long failed = 0;
    RawHttpClient client = new RawHttpClient(url);
    for (int i = 0; System.nanoTime() < end; i++) {
      String name = phase + "-" + i;
      byte[] create = ("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
          + "\"},\"data\":{\"k\":\"v\"}}").getBytes(StandardCharsets.UTF_8);
      for (boolean write : new boolean[] {false, true}) {
        long start = System.nanoTime();
        int code;
        try {
          code = write ? client.send("POST", CONFIGMAPS, "application/json", create)
              : client.send("GET", CONFIGMAPS + "?limit=10", null, null);
        } catch (IOException dropped) {
          code = -1;
          client.close();
          client = new RawHttpClient(url);
        }
        latency.recordValue(Math.min(System.nanoTime() - start, latency.getHighestTrackableValue()));
        if (code == 201) {
          acknowledged.add(name);
        } else if (code != 200) {
          failed++;
          failures.merge(code, 1L, Long::sum);
        }
      }
    }
    client.close();
    return failed;
  }

  private static byte[] slowBody() {
    String head = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"slow\"},\"data\":{\"k\":\"";
    byte[] body = new byte[BODY];
    java.util.Arrays.fill(body, (byte) 'a');
    System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, body, 0, head.length());
    return body;
  }

  /** Declares the whole body, sends all but its last bytes, and waits for the server's answer. */
  private static void slowUploader(String url, byte[] body, AtomicBoolean running, AbuserCounts counts) {
    URI base = URI.create(url);
    while (running.get()) {
      try (Socket socket = new Socket(base.getHost(), base.getPort())) {
        socket.setSoTimeout(1_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + CONFIGMAPS + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length - HELD_BACK);
        out.flush();
        String answer = readAnswer(socket.getInputStream(), running);
        if (answer == null) {
          counts.closed.incrementAndGet();
        } else if (answer.startsWith("HTTP/1.1 429")) {
          counts.tooMany.incrementAndGet();
        } else if (answer.startsWith("HTTP/1.1 408")) {
          counts.timedOut.incrementAndGet();
        } else if (!answer.isEmpty()) {
          counts.otherAnswers.incrementAndGet();
        }
      } catch (IOException e) {
        counts.closed.incrementAndGet();
      }
    }
  }

  /** The status line, null when the server closed without one, "" when the phase ended first. */
  private static String readAnswer(InputStream in, AtomicBoolean running) throws IOException {
    StringBuilder line = new StringBuilder();
    while (running.get()) {
      int b;
      try {
        b = in.read();
      } catch (java.net.SocketTimeoutException waiting) {
        continue;
      }
      if (b < 0) {
        return null;
      }
      if (b == '\n') {
        return line.toString();
      }
      line.append((char) b);
    }
    return "";
  }

  private static Socket openWatch(String url, AbuserCounts counts) throws IOException {
    URI base = URI.create(url);
    Socket socket = new Socket(base.getHost(), base.getPort());
    socket.getOutputStream().write(("GET /api/v1/namespaces/quiet/secrets?watch=1 HTTP/1.1\r\nHost: x\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    return socket;
  }

  /** Keeps {@code count} connected sockets that send nothing, reopening those the server closes. */
  private static void idleSockets(String url, int count, AtomicBoolean running, AbuserCounts counts) {
    URI base = URI.create(url);
    List<Socket> sockets = new ArrayList<>();
    try {
      while (running.get()) {
        sockets.removeIf(s -> {
          if (isClosed(s)) {
            counts.closed.incrementAndGet();
            closeQuietly(s);
            return true;
          }
          return false;
        });
        while (running.get() && sockets.size() < count) {
          try {
            sockets.add(new Socket(base.getHost(), base.getPort()));
          } catch (IOException e) {
            counts.refusedConnect.incrementAndGet();
            break;
          }
        }
        Thread.sleep(200); // a paced reconnect loop, not synchronisation
      }
    } catch (InterruptedException stop) {
      Thread.currentThread().interrupt();
    } finally {
      sockets.forEach(FloodBenchmark::closeQuietly);
    }
  }

  private static boolean isClosed(Socket socket) {
    try {
      if (socket.getInputStream().available() > 0) {
        return false;
      }
      socket.setSoTimeout(1);
      return socket.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException open) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  private static String get(String url, String path) throws IOException {
    URI base = URI.create(url);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }

  static {
    Json.json(); // load the codec before timing anything
  }
}
