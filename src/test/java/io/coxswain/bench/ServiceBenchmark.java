package io.coxswain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.discovery.Endpoint;
import io.coxswain.api.discovery.EndpointConditions;
import io.coxswain.api.discovery.EndpointPort;
import io.coxswain.api.discovery.EndpointSlice;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import io.coxswain.network.Cidr;
import io.coxswain.network.NftScript;
import io.coxswain.network.NftTables;
import io.coxswain.network.Ruleset;
import io.coxswain.network.ServiceRange;
import io.coxswain.network.ServiceRules;
import io.coxswain.testing.DockerSupport;
import io.coxswain.testing.Http;
import io.coxswain.testing.ServerProcess;
import io.coxswain.testing.ServiceTraffic;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Service data plane, measured on this machine: HTTP requests/s and latency to one nginx pod
 * directly, through its cluster IP, through its node port and through HAProxy (Debian's, TCP mode,
 * the same random balancing) in one run with wrk; the time from a pod failing readiness to no new
 * connection reaching it; and the time to plan and apply the rules for 1,000 Services with 10,000
 * endpoints. Traffic goes only to loopback, the node's own address and the pods this run creates;
 * every address is checked to route locally first.
 *
 * <pre>
 *   bin/bench services [--seconds 10] [--rounds 3] [--connections 32] [--flips 20]
 *                      [--services 1000] [--endpoints 10] [--image coxswain/nginx:1]
 * </pre>
 * Needs root, nft, a Docker daemon, wrk and haproxy; the nginx image comes from
 * {@code examples/guestbook/build-images.sh} (any image serving HTTP on port 80 will do).
 */
public final class ServiceBenchmark {
  private static final String JSON = "application/json";

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    int connections = Integer.parseInt(options.getOrDefault("connections", "32"));
    int flips = Integer.parseInt(options.getOrDefault("flips", "20"));
    int services = Integer.parseInt(options.getOrDefault("services", "1000"));
    int endpoints = Integer.parseInt(options.getOrDefault("endpoints", "10"));
    String image = options.getOrDefault("image", "coxswain/nginx:1");
    System.out.printf("Service benchmark: %d cores, wrk -t2 -c%d -d%ds x %d rounds, %d readiness flips, "
        + "rules for %d services x %d endpoints%n", Runtime.getRuntime().availableProcessors(), connections, seconds,
        rounds, flips, services, endpoints);
    ruleUpdates(services, endpoints);
    DockerSupport.requireDocker().close();
    try (ServerProcess server = ServerProcess.member(Files.createTempDirectory("coxswain-services-"),
        List.of("-Dcoxswain.node.pod-sync-period=200ms", "-Dcoxswain.network.service-proxy=nftables"),
        "--runtime", "docker", "--node-name", "bench-services")) {
      Http http = new Http(server.url());
      throughput(http, image, seconds, rounds, connections);
      readinessFlips(http, flips);
    } finally {
      DockerSupport.removeNodeContainers(DockerSupport.client(), "bench-services");
    }
  }

  // ---- rule updates -------------------------------------------------------------------------

  private static void ruleUpdates(int services, int endpointsEach) throws Exception {
    ServiceRange range = new ServiceRange("10.96.0.0/16");
    range.ensureLocal();
    List<Service> all = new ArrayList<>();
    Map<String, List<EndpointSlice>> endpoints = new HashMap<>();
    for (int s = 0; s < services; s++) {
      String name = "svc-" + s;
      all.add(new Service(null, null, ObjectMeta.named("bench", name), ServiceSpec.of(Map.of("app", name),
          List.of(new ServicePort("http", "TCP", null, 80, IntOrString.of(8080), null)))
          .withClusterIP(Cidr.parse("10.96.0.0/16").address(1000 + s)), null));
      endpoints.put(name, endpointsOf(s, endpointsEach, 0));
    }
    String table = NftTables.tableOf("bench-rules");
    List<Double> plans = new ArrayList<>();
    List<Double> fresh = new ArrayList<>();
    List<Double> oneChange = new ArrayList<>();
    try {
      for (int round = 0; round < 5; round++) {
        long t0 = System.nanoTime();
        Ruleset full = ServiceRules.plan(all, s -> endpoints.get(s.metadata().name()));
        plans.add((System.nanoTime() - t0) / 1e6);
        long t1 = System.nanoTime();
        NftTables.apply(NftScript.transaction(table, NftTables.ownerComment("bench-rules"), range.cidr(), null, full));
        fresh.add((System.nanoTime() - t1) / 1e6);
        // One pod of one Service replaced: what a rolling update does, a pod at a time.
        Map<String, List<EndpointSlice>> changed = new HashMap<>(endpoints);
        changed.put("svc-7", endpointsOf(7, endpointsEach, round + 1));
        long t2 = System.nanoTime();
        Ruleset next = ServiceRules.plan(all, s -> changed.get(s.metadata().name()));
        NftTables.apply(NftScript.transaction(table, NftTables.ownerComment("bench-rules"), range.cidr(), full, next));
        oneChange.add((System.nanoTime() - t2) / 1e6);
      }
    } finally {
      NftTables.apply(NftScript.deletion(table));
    }
    System.out.printf("rules, %d services x %d endpoints (5 rounds): plan %s ms, first apply %s ms, "
        + "one endpoint changed (plan + apply) %s ms%n", services, endpointsEach, summary(plans), summary(fresh),
        summary(oneChange));
  }

  private static List<EndpointSlice> endpointsOf(int service, int count, int generation) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = service * count + i + generation;
      endpoints.add(Endpoint.of("10.245." + (n / 250 % 250) + "." + (n % 250 + 2),
          new EndpointConditions(true, true, false), null, null, null));
    }
    return List.of(EndpointSlice.of(ObjectMeta.named("bench", "svc-" + service + "-a"), "IPv4", endpoints,
        List.of(new EndpointPort("http", "TCP", 8080, null))));
  }

  // ---- throughput ---------------------------------------------------------------------------

  private static void throughput(Http http, String image, int seconds, int rounds, int connections)
      throws Exception {
    create(http, "/api/v1/namespaces/default/pods", """
        {"metadata":{"name":"nginx","labels":{"app":"nginx"}},"spec":{"terminationGracePeriodSeconds":1,
         "containers":[{"name":"nginx","image":"%s","imagePullPolicy":"IfNotPresent","ports":[{"containerPort":80}],
         "readinessProbe":{"tcpSocket":{"port":80},"periodSeconds":1}}]}}""".formatted(image));
    create(http, "/api/v1/namespaces/default/services", """
        {"metadata":{"name":"nginx"},"spec":{"type":"NodePort","selector":{"app":"nginx"},
         "ports":[{"port":80,"targetPort":80}]}}""");
    waitForReady(http, "nginx", 1);
    JsonNode service = http.get("/api/v1/namespaces/default/services/nginx").json();
    String podIp = http.get("/api/v1/namespaces/default/pods/nginx").json().at("/status/podIP").asText();
    String clusterIp = service.at("/spec/clusterIP").asText();
    int nodePort = service.at("/spec/ports/0/nodePort").asInt();
    String nodeAddress = Cidr.parse(http.get("/api/v1/nodes/bench-services").json().at("/spec/podCIDR").asText())
        .address(1);
    ServiceTraffic.requireOnThisMachine(podIp);
    ServiceTraffic.requireLocal(clusterIp);
    ServiceTraffic.requireLocal(nodeAddress);
    int haproxyPort;
    try (ServerSocket free = new ServerSocket(0)) {
      haproxyPort = free.getLocalPort();
    }
    Path config = Files.createTempFile("haproxy-", ".cfg");
    Files.writeString(config, """
        global
          maxconn 4096
        defaults
          mode tcp
          timeout connect 2s
          timeout client 30s
          timeout server 30s
        frontend bench
          bind 127.0.0.1:%d
          default_backend pods
        backend pods
          balance random
          server nginx %s:80
        """.formatted(haproxyPort, podIp));
    Process haproxy = new ProcessBuilder("haproxy", "-f", config.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      Map<String, String> targets = new LinkedHashMap<>();
      targets.put("direct to the pod", "http://" + podIp + ":80/");
      targets.put("cluster IP", "http://" + clusterIp + ":80/");
      targets.put("node port", "http://" + nodeAddress + ":" + nodePort + "/");
      targets.put("HAProxy (tcp)", "http://127.0.0.1:" + haproxyPort + "/");
      for (String url : targets.values()) {
        wrk(url, 2, connections); // warm up each path (and let haproxy bind)
      }
      // Loaded: wrk's connections saturate the two cores (throughput). Unloaded: one connection,
      // so latency is the path's own and not the run queue's (the added p99).
      for (int load : List.of(connections, 1)) {
        Map<String, List<Wrk.Result>> runs = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
          for (Map.Entry<String, String> target : targets.entrySet()) {
            runs.computeIfAbsent(target.getKey(), k -> new ArrayList<>()).add(wrk(target.getValue(), seconds, load));
          }
        }
        double directRate = median(runs.get("direct to the pod"), Wrk.Result::rate);
        double directP50 = median(runs.get("direct to the pod"), Wrk.Result::p50);
        double directP99 = median(runs.get("direct to the pod"), Wrk.Result::p99);
        System.out.printf("%d connection(s), medians of %d rounds of %d s, targets interleaved:%n", load, rounds,
            seconds);
        System.out.printf("  %-18s %12s %9s %9s %9s %11s %11s%n", "path", "requests/s", "p50 ms", "p99 ms",
            "x direct", "added p50", "added p99");
        for (Map.Entry<String, List<Wrk.Result>> run : runs.entrySet()) {
          double rate = median(run.getValue(), Wrk.Result::rate);
          double p50 = median(run.getValue(), Wrk.Result::p50);
          double p99 = median(run.getValue(), Wrk.Result::p99);
          System.out.printf("  %-18s %12.0f %9.3f %9.3f %9.2f %8.3f ms %8.3f ms   errors %d%n", run.getKey(), rate,
              p50, p99, rate / directRate, p50 - directP50, p99 - directP99,
              run.getValue().stream().mapToLong(Wrk.Result::errors).sum());
        }
      }
    } finally {
      haproxy.destroy();
      haproxy.waitFor(10, TimeUnit.SECONDS);
      http.delete("/api/v1/namespaces/default/pods/nginx");
    }
  }

  private static Wrk.Result wrk(String url, int seconds, int connections) throws Exception {
    return Wrk.run(url, seconds, List.of("-t" + Math.min(2, connections), "-c" + connections), List.of());
  }

  // ---- readiness ----------------------------------------------------------------------------

  /**
   * Two pods behind a Service; one at a time is made to fail its readiness probe (its ready file
   * removed in the container). Measured per flip: from the removal to the Endpoints dropping it
   * (the probe period and the endpoints controller), and from the Endpoints dropping it to the
   * last new connection that reached it (the data plane).
   */
  private static void readinessFlips(Http http, int flips) throws Exception {
    create(http, "/api/v1/namespaces/default/replicationcontrollers", """
        {"metadata":{"name":"flip"},"spec":{"replicas":2,"selector":{"app":"flip"},"template":{
          "metadata":{"labels":{"app":"flip"}},"spec":{"terminationGracePeriodSeconds":1,"containers":[{"name":"httpd",
          "image":"coxswain/busybox:1","command":["/bin/sh","-c",
          "mkdir -p /www && hostname > /www/index.html && touch /www/ready && exec httpd -f -p 8080 -h /www"],
          "readinessProbe":{"httpGet":{"path":"/ready","port":8080},"periodSeconds":1,"failureThreshold":1}}]}}}}""");
    create(http, "/api/v1/namespaces/default/services", """
        {"metadata":{"name":"flip"},"spec":{"selector":{"app":"flip"},"ports":[{"port":80,"targetPort":8080}]}}""");
    waitForReady(http, "flip", 2);
    String ip = http.get("/api/v1/namespaces/default/services/flip").json().at("/spec/clusterIP").asText();
    ServiceTraffic.requireLocal(ip);
    Map<String, String> containers = new LinkedHashMap<>();
    for (JsonNode pod : http.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dflip").json().get("items")) {
      containers.put(pod.at("/metadata/name").asText(), pod.at("/status/containerStatuses/0/containerID").asText()
          .substring("docker://".length()));
    }
    List<Double> toEndpoints = new ArrayList<>();
    List<Double> toRules = new ArrayList<>();
    var docker = DockerSupport.client();
    List<String> names = new ArrayList<>(containers.keySet());
    for (int flip = 0; flip < flips; flip++) {
      String unready = names.get(flip % 2);
      long t0 = System.nanoTime();
      ServiceTraffic.exec(docker, containers.get(unready), "rm", "/www/ready");
      long endpointsDropped = 0;
      long lastReached = t0;
      int sinceDrop = 0;
      long deadline = t0 + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < deadline && sinceDrop < 200) {
        if (endpointsDropped == 0 && readyAddresses(http, "flip") == 1) {
          endpointsDropped = System.nanoTime();
        }
        long before = System.nanoTime();
        String served = ServiceTraffic.get(ip, 80);
        if (served.equals(unready)) {
          lastReached = before;
        }
        if (endpointsDropped != 0) {
          sinceDrop++;
        }
      }
      if (endpointsDropped == 0) {
        throw new IllegalStateException("flip " + flip + ": the Endpoints never dropped " + unready);
      }
      toEndpoints.add((endpointsDropped - t0) / 1e6);
      toRules.add(Math.max(0, lastReached - endpointsDropped) / 1e6);
      ServiceTraffic.exec(docker, containers.get(unready), "touch", "/www/ready");
      waitForReady(http, "flip", 2);
      long back = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < back && !ServiceTraffic.get(ip, 80).equals(unready)) {
        // until the pod is in the rules again (bounded); each iteration is one real request
      }
    }
    docker.close();
    System.out.printf("readiness, %d flips: probe fails -> Endpoints drop it %s ms; Endpoints drop it -> last new "
        + "connection reaching it %s ms%n", flips, summary(toEndpoints), summary(toRules));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static void create(Http http, String path, String body) {
    Http.Reply reply = http.post(path, JSON, body);
    if (reply.code() != 201) {
      throw new IllegalStateException("POST " + path + " -> " + reply.code() + ": " + reply.body());
    }
  }

  private static int readyAddresses(Http http, String service) {
    return ServiceTraffic.readyAddresses(http, "default", service).size();
  }

  private static void waitForReady(Http http, String service, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (readyAddresses(http, service) != count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(service + " never had " + count + " ready endpoints");
      }
      TimeUnit.MILLISECONDS.sleep(50); // polling the API while pods start: a benchmark, not a test
    }
  }

  private static double median(List<Wrk.Result> runs, java.util.function.ToDoubleFunction<Wrk.Result> value) {
    List<Double> values = runs.stream().map(value::applyAsDouble).sorted().toList();
    return values.get(values.size() / 2);
  }

  /** "p50 X, p99 Y, max Z" of a list of milliseconds. */
  private static String summary(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    double p99 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
    return String.format("p50 %.1f, p99 %.1f, max %.1f", sorted.get(sorted.size() / 2), p99,
        sorted.get(sorted.size() - 1));
  }

  private ServiceBenchmark() {}
}
