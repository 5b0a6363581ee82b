package io.coxswain.bench;

import io.coxswain.testing.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/bench etcd}: Coxswain's creates beside etcd's puts, both synced before they are
 * answered, in one run on this machine, with the same load generator ({@code wrk}, 2 threads,
 * 8 connections) and the same pod JSON. Coxswain is its API and store (see {@link #server}), creating
 * pods of a scheduler nobody runs, so nothing else writes because of them; etcd
 * (Debian's etcd-server, default syncing) gets a put of that JSON under a new key through its v3
 * JSON gateway. Coxswain's JVM is warmed up first ({@code --warmup-seconds} of the same load); then
 * {@code --rounds} alternate measured runs of {@code --seconds} each.
 */
public final class EtcdComparisonBenchmark {
  private static final String POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"%s\","
      + "\"labels\":{\"app\":\"bench\"}},\"spec\":{\"schedulerName\":\"coxswain-bench-none\",\"containers\":[{\"name\":\"web\","
      + "\"image\":\"coxswain/busybox:1\",\"command\":[\"httpd\",\"-f\"],"
      + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}}]}}";

  private EtcdComparisonBenchmark() {}

  record Run(double rate, double p50, double p90, double p99, long errors) {
    @Override
    public String toString() {
      return String.format("%,8.0f/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  errors %d", rate, p50, p90, p99, errors);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    int warmup = Integer.parseInt(options.getOrDefault("warmup-seconds", "60"));
    Path root = Files.createTempDirectory("coxswain-etcd-bench");
    Path coxswainScript = script(root.resolve("coxswain.lua"), coxswainRequest());
    Path etcdScript = script(root.resolve("etcd.lua"), etcdRequest());
    try (EtcdServer etcd = EtcdServer.start(root.resolve("etcd"), 23790, 23800);
         // The collector bin/cox picks (see there): G1's young pauses would be Coxswain's p99.
         ServerProcess coxswain = server(root.resolve("coxswain"), options.getOrDefault("control-plane", "false"),
             options.getOrDefault("jvm", "-Xmx6g -XX:+UseShenandoahGC"))) {
      System.out.printf("warm-up: etcd 10 s; Coxswain %d s of the same load in rounds of 20 s, each round's pods"
          + " deleted after it (namespace warmup), so the measured runs start from a small store as etcd's do%n", warmup);
      System.out.println("  etcd      " + wrk(etcd.url(), etcdScript, 10, "warm", "default"));
      try (RawHttpClient http = new RawHttpClient(coxswain.url())) {
        http.send("POST", "/api/v1/namespaces", "application/json",
            "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"warmup\"}}"
                .getBytes(StandardCharsets.UTF_8));
        for (int done = 0, round = 0; done < warmup; done += 20, round++) {
          Run run = wrk(coxswain.url(), coxswainScript, Math.min(20, warmup - done), "warm" + round, "warmup");
          long start = System.nanoTime();
          int code = http.send("DELETE", "/api/v1/namespaces/warmup/pods", null, null);
          System.out.printf("  coxswain  %s  (deleted again: %d in %.1f s)%n", run, code,
              (System.nanoTime() - start) / 1e9);
        }
      }
      List<Run> etcdRuns = new ArrayList<>();
      List<Run> coxswainRuns = new ArrayList<>();
      for (int r = 1; r <= rounds; r++) {
        Run e = wrk(etcd.url(), etcdScript, seconds, "run" + r, "default");
        System.out.println("round " + r + " etcd      " + e);
        Run c = wrk(coxswain.url(), coxswainScript, seconds, "run" + r, "default");
        System.out.println("round " + r + " coxswain  " + c);
        etcdRuns.add(e);
        coxswainRuns.add(c);
      }
      Run e = median(etcdRuns);
      Run c = median(coxswainRuns);
      System.out.println("median   etcd      " + e);
      System.out.println("median   coxswain  " + c);
      System.out.printf("coxswain/etcd: rate %.2fx, p99 %.2fx%n", c.rate() / e.rate(), c.p99() / e.p99());
    }
  }

  /**
   * The API and store alone (as {@code bin/bench api}), or with {@code --control-plane true} the
   * whole server: its scheduler and controllers still list every pod each pass, so their cost grows
   * with the hundreds of thousands of pods this benchmark leaves behind. {@code --jvm} gives the
   * server JVM's options (default: the collector bin/cox picks, and a 6 GiB heap: a run leaves
   * ~450,000 pods, ~1.2 GiB live, and a concurrent collector needs room to stay ahead).
   */
  private static ServerProcess server(Path data, String controlPlane, String jvmOptions) throws IOException {
    List<String> jvm = List.of(jvmOptions.trim().split("\\s+"));
    System.out.println("coxswain JVM: " + jvmOptions);
    return Boolean.parseBoolean(controlPlane) ? ServerProcess.member(data, jvm) : ServerProcess.start(data, jvm);
  }

  private static Run median(List<Run> runs) {
    return new Run(median(runs, Run::rate), median(runs, Run::p50), median(runs, Run::p90), median(runs, Run::p99),
        runs.stream().mapToLong(Run::errors).sum());
  }

  private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
    double[] values = runs.stream().mapToDouble(f).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** A wrk script: each thread numbers its requests; names are unique per run through the argument. */
  private static Path script(Path file, String request) throws IOException {
    String lua = """
        local counter = 0
        local prefix = ""
        local threads = 0
        function setup(thread)
          thread:set("tid", threads)
          threads = threads + 1
        end
        local namespace = "default"
        function init(args)
          prefix = args[1] .. "-" .. tid .. "-"
          namespace = args[2]
        end
        local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        local function base64(s)
          local out = {}
          for i = 1, #s, 3 do
            local a, b, c = s:byte(i, i + 2)
            local n = bit.bor(bit.lshift(a, 16), bit.lshift(b or 0, 8), c or 0)
            local chars = {}
            for k = 0, 3 do
              local index = bit.band(bit.rshift(n, 18 - 6 * k), 63)
              chars[k + 1] = alphabet:sub(index + 1, index + 1)
            end
            if not b then chars[3] = "=" end
            if not c then chars[4] = "=" end
            out[#out + 1] = table.concat(chars)
          end
          return table.concat(out)
        end
        local headers = { ["Content-Type"] = "application/json" }
        request = function()
          counter = counter + 1
          local name = prefix .. counter
        """ + request + "\nend\n";
    Files.writeString(file, lua);
    return file;
  }

  private static String coxswainRequest() {
    return "  return wrk.format(\"POST\", \"/api/v1/namespaces/\" .. namespace .. \"/pods\", headers, string.format([["
        + POD + "]], name))";
  }

  private static String etcdRequest() {
    String value = Base64.getEncoder().encodeToString(String.format(POD, "bench").getBytes(StandardCharsets.UTF_8));
    return "  return wrk.format(\"POST\", \"/v3/kv/put\", headers, '{\"key\":\"' .. base64(\"/registry/pods/default/\" .. name)"
        + " .. '\",\"value\":\"" + value + "\"}')";
  }

  /** One wrk run; {@code run} makes names unique, {@code namespace} is where Coxswain's pods go. */
  static Run wrk(String url, Path script, int seconds, String run, String namespace) throws Exception {
    Wrk.Result r = Wrk.run(url, seconds, List.of("-t2", "-c8", "-s", script.toString()), List.of(run, namespace));
    return new Run(r.rate(), r.p50(), r.p90(), r.p99(), r.errors());
  }
}
