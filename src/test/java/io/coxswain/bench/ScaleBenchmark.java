package io.coxswain.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.coxswain.api.Json;
import io.coxswain.api.core.Pod;
import io.coxswain.node.NodeAgent;
import io.coxswain.node.RestartRules;
import io.coxswain.node.runtime.simulated.SimulatedRuntime;
import io.coxswain.simulation.SimulatedNodes;
import io.coxswain.store.CacheView;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.WatchCache;
import io.coxswain.store.WatchRequest;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The whole control plane at scale on the simulated runtime, in one JVM: one member (store, API,
 * scheduler, RC manager, node lifecycle) and {@code --nodes} simulated node agents. Creates
 * {@code --rcs} ReplicationControllers totalling {@code --pods} replicas through the API and
 * times until every pod is created, bound, and Running; then the heap after a full GC. Warm-up
 * rounds of smaller workloads run first (see {@link #warmUp}).
 *
 * <pre>bin/bench scale [--nodes 1000] [--pods 30000] [--rcs 100] [--timeout-seconds 600]</pre>
 */
public final class ScaleBenchmark {
  private static final int WARM_PODS = 5_000;
  private static final int WARM_RCS = 20;
  private static final int MAX_WARM_ROUNDS = 6;

  private ScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchOptions.parse(args);
    int nodes = Integer.parseInt(options.getOrDefault("nodes", "1000"));
    int pods = Integer.parseInt(options.getOrDefault("pods", "30000"));
    int rcs = Integer.parseInt(options.getOrDefault("rcs", "100"));
    long timeoutNanos = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-seconds", "600"))).toNanos();
    int restSeconds = Integer.parseInt(options.getOrDefault("rest-seconds", "0"));
    System.out.printf("scale benchmark: %d simulated nodes, %d pods in %d RCs, %d cores, max heap %d MiB%n", nodes,
        pods, rcs, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    try (TestNode member = TestNode.start(Map.of("coxswain.node.max-pods", 0))) {
      var store = member.node().store();
      // Kubernetes' kubelet timings: heartbeat every 10 s, a relist every second, each settled pod
      // synced again every minute (--sync-frequency).
      NodeAgent.Settings agents = new NodeAgent.Settings(Duration.ofSeconds(10), Duration.ofSeconds(1),
          Duration.ofMinutes(1), new RestartRules.Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5)));
      ActorRef<SimulatedNodes.Command> simulated = member.node().system().systemActorOf(
          SimulatedNodes.create(store.cache(), member.node().client(), agents, Clock.systemUTC()), "simulated-nodes", Props.empty());
      for (int i = 0; i < nodes; i++) {
        simulated.tell(new SimulatedNodes.Start("sim-" + i, new SimulatedRuntime(Clock.systemUTC(), i,
            Duration.ofMillis(100), "10." + (100 + i / 250) + "." + (i % 250) + ".0/24")));
      }
      long deadline = System.nanoTime() + timeoutNanos;
      while (store.cache().view().count("nodes") < nodes + 1 && System.nanoTime() < deadline) {
        awaitChange(store.cache());
      }
      System.out.printf("%d nodes registered%n", store.cache().view().count("nodes") - 1);

      Http http = new Http(member.url());
      warmUp(member, http, deadline);

      PodProgress progress = workload(member, http, "default", "rc", pods, rcs, new ArrayList<>());
      if (!progress.awaitRunning(deadline, 5_000_000_000L)) {
        System.out.println("TIMED OUT: " + progress);
        printNotRunning(store.cache().view());
        System.exit(1);
      }
      System.out.printf("all %d pods created in %.1f s  (%,.0f pods/s)%n", pods, progress.secondsToCreated(),
          pods / progress.secondsToCreated());
      System.out.printf("all %d pods bound   in %.1f s  (%,.0f pods/s)%n", pods, progress.secondsToBound(),
          pods / progress.secondsToBound());
      System.out.printf("all %d pods Running in %.1f s  (%,.0f pods/s end to end; target >= 1,000)%n", pods,
          progress.secondsToRunning(), pods / progress.secondsToRunning());
      if (restSeconds > 0) {
        long from = store.cache().view().revision();
        measureRest(restSeconds, nodes, pods);
        System.out.printf("  store commits during the rest window: %d (heartbeats of %d nodes every 10 s: %d)%n",
            store.cache().view().revision() - from, nodes, nodes * restSeconds / 10);
      }
      long heap = ApiBenchmark.usedHeapAfterGc();
      System.out.printf("heap after full GC: %,d MiB (%d nodes, %d pods, %d objects in the store)%n", heap >> 20,
          nodes, pods, store.cache().view().count("pods") + store.cache().view().count("nodes"));
    }
    System.exit(0);
  }

  /**
   * The cost of a settled cluster: CPU of this JVM (store, API, scheduler, controllers and the
   * simulated node agents with their heartbeats and relists) over a window in which nothing is
   * asked of it. It should follow changes, not the number of objects held.
   */
  private static void measureRest(int seconds, int nodes, int pods) throws InterruptedException {
    CpuMeter meter = CpuMeter.start();
    TimeUnit.SECONDS.sleep(seconds); // the measuring window itself, not a wait for a condition
    CpuMeter.Usage usage = meter.stop();
    System.out.printf("at rest for %d s with %d nodes and %d pods: this JVM %.1f s CPU (%.2f cores)%n  %s%n", seconds,
        nodes, pods, usage.jvmSeconds(), usage.jvmSeconds() / usage.wallSeconds(), usage);
  }

  /** A few of the pods that are not Running, with what their status says, to show why. */
  private static void printNotRunning(CacheView view) {
    view.list("pods", "default", null, 0, o -> !"Running".equals(((Pod) o).statusOrEmpty().phase())).items().stream()
        .limit(5).forEach(o -> System.out.println("  not Running: " + new String(Json.encode(o, false), UTF_8)));
  }

  /**
   * Creates {@code rcs} ReplicationControllers totalling {@code pods} replicas in {@code namespace}
   * and answers the progress of their pods, timed from just before the first RC is sent.
   */
  private static PodProgress workload(TestNode member, Http http, String namespace, String prefix, int pods, int rcs,
      List<UniqueKillSwitch> watches) {
    var store = member.node().store();
    PodProgress progress = new PodProgress(pods, System.nanoTime());
    watches.add(store.cache().watch(new WatchRequest("pods", namespace, o -> true, store.cache().view().revision(), false))
        .viaMat(KillSwitches.single(), Keep.right())
        .to(Sink.foreach(progress::on))
        .run(member.node().system()));
    for (int r = 0; r < rcs; r++) {
      int replicas = pods / rcs + (r < pods % rcs ? 1 : 0);
      Http.Reply reply = http.post("/api/v1/namespaces/" + namespace + "/replicationcontrollers", "application/yaml", """
          kind: ReplicationController
          metadata: {name: %s-%d}
          spec:
            replicas: %d
            selector: {app: %s-%d}
            template:
              metadata: {labels: {app: %s-%d}}
              spec: {containers: [{name: c, image: "busybox:1"}]}
          """.formatted(prefix, r, replicas, prefix, r, prefix, r));
      if (reply.code() != 201) {
        throw new IllegalStateException("RC create failed: " + reply.body());
      }
    }
    return progress;
  }

  /**
   * Runs smaller workloads first, each in its own namespace deleted (and waited for) afterwards,
   * until the JIT compilers have settled (compiling under a tenth of a round's wall time, at most
   * {@link #MAX_WARM_ROUNDS} rounds): as Kubernetes' scheduler_perf schedules its init pods before
   * the measured ones, the measured run is the warmed-up control plane, not a fresh JVM's first
   * minute. Each round's rate and compile time are printed.
   */
  private static void warmUp(TestNode member, Http http, long deadline) throws Exception {
    var compiler = ManagementFactory.getCompilationMXBean();
    var store = member.node().store();
    for (int round = 1; round <= MAX_WARM_ROUNDS; round++) {
      String namespace = "warm-" + round;
      http.post("/api/v1/namespaces", "application/yaml", "metadata: {name: " + namespace + "}");
      long compileStart = compiler.getTotalCompilationTime();
      List<UniqueKillSwitch> watch = new ArrayList<>();
      PodProgress progress = workload(member, http, namespace, "warm", WARM_PODS, WARM_RCS, watch);
      if (!progress.awaitRunning(deadline, 5_000_000_000L)) {
        throw new IllegalStateException("warm-up timed out: " + progress);
      }
      double millis = progress.secondsToRunning() * 1000;
      long compiling = compiler.getTotalCompilationTime() - compileStart;
      System.out.printf("warm-up round %d: %,d pods Running in %.1f s (%,.0f pods/s), JIT compiling %d ms%n", round,
          WARM_PODS, millis / 1000, WARM_PODS / (millis / 1000), compiling);
      watch.forEach(UniqueKillSwitch::shutdown);
      http.delete("/api/v1/namespaces/" + namespace);
      while (store.cache().view().get(ResourceKey.clusterScoped("namespaces", namespace)) != null) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("warm-up namespace " + namespace + " not deleted in time");
        }
        awaitChange(store.cache());
      }
      if (compiling < millis / 10) {
        return;
      }
    }
  }

  /** Waits for the next change in the cache, at most 5 s (callers look again until their deadline). */
  private static void awaitChange(WatchCache cache) throws Exception {
    try {
      cache.awaitRevision(cache.view().revision() + 1).toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (TimeoutException quiet) {
      // no change for a while (pods finishing on their nodes, agents registering)
    }
  }
}
