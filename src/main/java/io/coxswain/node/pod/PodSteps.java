package io.coxswain.node.pod;

import io.coxswain.api.Defaulting;
import io.coxswain.api.Quantity;
import io.coxswain.api.core.Volume;
import io.coxswain.node.config.AtomicWriter;
import io.coxswain.node.config.ConfigError;
import io.coxswain.node.config.ConfigLookup;
import io.coxswain.node.config.ConfigVolumes;
import io.coxswain.node.config.ResolvConf;
import io.coxswain.node.config.DownwardApi;
import io.coxswain.node.config.EnvResolver;
import java.nio.file.Path;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.Pod;
import io.coxswain.node.RestartRules;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.OwnedObject;
import io.coxswain.node.runtime.ProbeRunner;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.RuntimeFailure;
import io.coxswain.node.runtime.SandboxInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocking work of a pod worker, one call per step: bring the pod's sandbox and containers to
 * what the spec and the restart rules want, and tear them down. Runs on a blocking dispatcher;
 * returns the new view, never throws for runtime failures (they become waiting reasons).
 */
public final class PodSteps {
  private final ContainerRuntime runtime;
  private final Clock clock;
  private final RestartRules.Backoff backoff;
  private final String nodeAddress;
  private final Config config;

  /**
   * What containers' configuration is made from beyond the pod: the ConfigMaps and Secrets it
   * refers to, where the node keeps each pod's volume files ({@code podsDir/<uid>/volumes/<name>}),
   * and the node's allocatable resources (the value of a resourceFieldRef to an unset limit), and
   * the cluster domain when this node serves the cluster DNS (each pod then gets its resolv.conf,
   * {@code podsDir/<uid>/resolv.conf}), else null.
   */
  public record Config(ConfigLookup lookup, Path podsDir, Map<String, Quantity> allocatable, String clusterDomain) {
    /** No ConfigMaps or Secrets, volume files under the JVM's temporary directory, resolv.conf left to the runtime. */
    public static Config none() {
      return new Config(ConfigLookup.NONE, Path.of(System.getProperty("java.io.tmpdir"), "coxswain-pods"), Map.of(),
          null);
    }
  }

  /** {@code nodeAddress} is where host ports bind when a port names no hostIP. */
  public PodSteps(ContainerRuntime runtime, Clock clock, RestartRules.Backoff backoff, String nodeAddress) {
    this(runtime, clock, backoff, nodeAddress, Config.none());
  }

  public PodSteps(ContainerRuntime runtime, Clock clock, RestartRules.Backoff backoff, String nodeAddress,
      Config config) {
    this.runtime = runtime;
    this.clock = clock;
    this.backoff = backoff;
    this.nodeAddress = nodeAddress;
    this.config = config;
  }

  /** One sync: sandbox (adopting one left by an earlier agent), observe containers, start those due. */
  PodRuntime sync(PodRef ref, Pod pod, PodRuntime current) {
    PodRuntime state = current.sandboxId() == null ? adoptOrCreate(ref, pod, current) : current;
    if (state.sandboxId() == null) {
      return state;
    }
    Instant now = clock.instant();
    RestartRules.Backoff podBackoff = backoff.forPod(pod.metadata().annotationsOrEmpty());
    Map<String, ContainerState> observed = new LinkedHashMap<>();
    for (ContainerRecord record : state.containers().values()) {
      if (record.containerId() != null && !record.finished()) {
        try {
          observed.put(record.name(), runtime.inspect(record.containerId()));
        } catch (RuntimeFailure gone) {
          // The container vanished under us (removed by hand): treat as exited with an error.
          observed.put(record.name(), new ContainerState(record.containerId(), ContainerState.Phase.EXITED, 137,
              "Error", gone.getMessage(), null, now));
        }
      }
    }
    Map<String, ContainerRecord> records = new LinkedHashMap<>(
        PodSync.observe(state.containers(), observed, pod.spec().restartPolicy(), podBackoff, now));
    removeOlderAttempts(state.containers(), records);
    DownwardApi.Addresses addresses = new DownwardApi.Addresses(state.podIp(), nodeAddress);
    Map<String, Path> volumeDirs;
    String volumeProblem = null;
    Path resolvConf = null;
    try {
      volumeDirs = writeVolumes(ref, pod, addresses);
      resolvConf = writeResolvConf(ref, pod);
    } catch (ConfigError | java.io.UncheckedIOException e) {
      // As a kubelet whose volume cannot be set up: the containers wait in ContainerCreating.
      volumeDirs = Map.of();
      volumeProblem = "MountVolume.SetUp failed: " + e.getMessage();
    }
    for (Container container : pod.spec().containers()) {
      ContainerRecord record = records.getOrDefault(container.name(), ContainerRecord.fresh(container.name()));
      if (record.dueToStart(now)) {
        record = volumeProblem != null ? record.failedToStart("ContainerCreating", volumeProblem, now)
            : start(ref, state.sandboxId(), pod, container, record, podBackoff, now, addresses, volumeDirs,
                resolvConf);
      }
      records.put(container.name(), record);
    }
    return probe(pod, state.withContainers(state.sandboxId(), state.podIp(), state.startTime(), records), now);
  }

  /**
   * Runs the probes that are due on running containers (when the runtime can probe). Until a
   * container's startup probe has passed, only it runs; then readiness and liveness. A container
   * that fails its startup or liveness probe is stopped; the next sync sees it exit and the restart
   * policy takes over. Probe history starts afresh with each container attempt.
   */
  private PodRuntime probe(Pod pod, PodRuntime state, Instant now) {
    if (!(runtime instanceof ProbeRunner prober)) {
      return state;
    }
    Map<String, ProbeState> startup = new LinkedHashMap<>();
    Map<String, ProbeState> readiness = new LinkedHashMap<>();
    Map<String, ProbeState> liveness = new LinkedHashMap<>();
    for (Container container : pod.spec().containers()) {
      ContainerRecord record = state.containers().get(container.name());
      if (record == null || !record.running()) {
        continue;
      }
      Instant startedAt = record.observed().startedAt();
      String key = container.name();
      if (container.startupProbe() != null) {
        ProbeState started = fresh(state.startup().get(key), startedAt);
        if (!started.passing()) {
          started = run(prober, record, state.podIp(), ProbePorts.resolve(container.startupProbe(), container),
              ProbeRunner.Kind.STARTUP, started, startedAt, now);
        }
        startup.put(key, started);
        if (!started.passing()) {
          if (started.failedFor(container.startupProbe())) {
            stopQuietly(record.containerId(), Duration.ofSeconds(gracePeriod(pod)));
          }
          continue;
        }
      }
      if (container.readinessProbe() != null) {
        readiness.put(key, run(prober, record, state.podIp(), ProbePorts.resolve(container.readinessProbe(), container),
            ProbeRunner.Kind.READINESS, fresh(state.readiness().get(key), startedAt), startedAt, now));
      }
      if (container.livenessProbe() != null) {
        ProbeState live = run(prober, record, state.podIp(), ProbePorts.resolve(container.livenessProbe(), container),
            ProbeRunner.Kind.LIVENESS, fresh(state.liveness().get(key), startedAt), startedAt, now);
        liveness.put(key, live);
        if (live.failedFor(container.livenessProbe())) {
          stopQuietly(record.containerId(), Duration.ofSeconds(gracePeriod(pod)));
        }
      }
    }
    return state.withProbes(startup, readiness, liveness);
  }

  /**
   * A runtime keeps the last ended attempt of each container (its logs answer
   * {@code kubectl logs --previous}); once a newer attempt has ended, the older one goes.
   */
  private void removeOlderAttempts(Map<String, ContainerRecord> before, Map<String, ContainerRecord> after) {
    for (ContainerRecord was : before.values()) {
      ContainerRecord now = after.get(was.name());
      if (was.lastTerminated() != null && now != null && now.lastTerminated() != null
          && was.lastTerminated().containerID() != null
          && !was.lastTerminated().containerID().equals(now.lastTerminated().containerID())) {
        try {
          runtime.removeContainer(was.lastTerminated().containerID());
        } catch (RuntimeFailure ignored) {
          // gone already; a leftover is removed with the pod's sandbox
        }
      }
    }
  }

  /** Probe history belongs to one container attempt: a newer start begins a new history. */
  private static ProbeState fresh(ProbeState previous, Instant startedAt) {
    return previous == null || previous.lastRun() == null || previous.lastRun().isBefore(startedAt)
        ? ProbeState.INITIAL : previous;
  }

  private static ProbeState run(ProbeRunner prober, ContainerRecord record, String podIp,
      io.coxswain.api.core.Probe probe, ProbeRunner.Kind kind, ProbeState state, Instant startedAt, Instant now) {
    if (!ProbeState.due(probe, state, startedAt, now)) {
      return state;
    }
    boolean ok;
    try {
      ok = prober.probe(record.containerId(), podIp, probe, kind);
    } catch (RuntimeFailure failure) {
      ok = false;
    }
    return state.after(probe, ok, now);
  }

  private static long gracePeriod(Pod pod) {
    Long grace = pod.spec().terminationGracePeriodSeconds();
    return grace == null ? 30 : grace;
  }

  private void stopQuietly(String containerId, Duration grace) {
    try {
      runtime.stopContainer(containerId, grace);
    } catch (RuntimeFailure ignored) {
      // already gone: the next sync sees it
    }
  }

  /** The files of the pod's configMap, secret, downwardAPI and projected volumes, written; their directories. */
  private Map<String, Path> writeVolumes(PodRef ref, Pod pod, DownwardApi.Addresses addresses) {
    Map<String, Path> dirs = new LinkedHashMap<>();
    for (Volume volume : pod.spec().volumes()) {
      if (ConfigVolumes.isConfigVolume(volume)) {
        Path dir = volumesDir(ref).resolve(volume.name());
        AtomicWriter.write(dir, ConfigVolumes.files(pod, volume, addresses, config.allocatable(), config.lookup()));
        dirs.put(volume.name(), dir);
      }
    }
    return dirs;
  }

  /**
   * The pod's resolv.conf ({@link ResolvConf}), written when this node serves the cluster DNS; its
   * path, or null when the runtime's own stays. The nameserver is the kube-dns Service's IP.
   */
  private Path writeResolvConf(PodRef ref, Pod pod) {
    if (config.clusterDomain() == null) {
      return null;
    }
    String clusterDns = config.lookup().services("kube-system").stream()
        .filter(s -> "kube-dns".equals(s.metadata().name())).map(s -> s.spec().clusterIP())
        .filter(ip -> ip != null && !ip.isEmpty() && !"None".equals(ip)).findFirst().orElse(null);
    String hostFile;
    try {
      hostFile = java.nio.file.Files.readString(Path.of("/etc/resolv.conf"));
    } catch (java.io.IOException e) {
      hostFile = "";
    }
    Path file = config.podsDir().resolve(ref.uid()).resolve("resolv.conf");
    String content = ResolvConf.render(pod, clusterDns, config.clusterDomain(), hostFile);
    try {
      java.nio.file.Files.createDirectories(file.getParent());
      if (!java.nio.file.Files.exists(file) || !java.nio.file.Files.readString(file).equals(content)) {
        java.nio.file.Files.writeString(file, content);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }

  private Path volumesDir(PodRef ref) {
    return config.podsDir().resolve(ref.uid()).resolve("volumes");
  }

  private ContainerRecord start(PodRef ref, String sandboxId, Pod pod, Container container, ContainerRecord record,
      RestartRules.Backoff podBackoff, Instant now, DownwardApi.Addresses addresses, Map<String, Path> volumeDirs,
      Path resolvConf) {
    Map<String, String> env;
    try {
      env = EnvResolver.resolve(pod, container, addresses, config.allocatable(), config.lookup()).env();
    } catch (ConfigError error) {
      return record.failedToStart(ConfigError.REASON, error.getMessage(), now.plus(podBackoff.delay(0)));
    }
    try {
      String id = runtime.startContainer(sandboxId, ContainerConfigs.of(ref, pod, container, record.restartCount(),
          env, volumeDirs, resolvConf));
      return record.started(id);
    } catch (RuntimeFailure failure) {
      // A failed pull shows first as ErrImagePull, then ImagePullBackOff while it waits to retry.
      String reason = "ErrImagePull".equals(failure.reason()) && "ErrImagePull".equals(record.waitingReason())
          ? "ImagePullBackOff" : failure.reason();
      return record.failedToStart(reason, failure.getMessage(), now.plus(podBackoff.delay(0)));
    }
  }

  private PodRuntime adoptOrCreate(PodRef ref, Pod pod, PodRuntime current) {
    try {
      List<OwnedObject> owned = runtime.listOwned(ref.node()).stream()
          .filter(o -> ref.uid().equals(o.pod().uid())).toList();
      String startTime = current.startTime() != null ? current.startTime() : Defaulting.now(clock);
      for (OwnedObject object : owned) {
        if (object.sandbox()) {
          return PodRuntime.empty().withContainers(object.id(), pod.statusOrEmpty().podIP(), startTime, adopted(owned));
        }
      }
      SandboxInfo sandbox = runtime.runSandbox(ContainerConfigs.sandbox(ref, pod, nodeAddress));
      return current.withContainers(sandbox.id(), sandbox.podIp(), startTime, current.containers());
    } catch (RuntimeFailure failure) {
      Map<String, ContainerRecord> waiting = new LinkedHashMap<>();
      for (Container c : pod.spec().containers()) {
        waiting.put(c.name(), ContainerRecord.fresh(c.name()).failedToStart(failure.reason(), failure.getMessage(),
            clock.instant()));
      }
      return current.withContainers(null, null, current.startTime(), waiting);
    }
  }

  /** The newest attempt of each container an earlier agent started. */
  private static Map<String, ContainerRecord> adopted(List<OwnedObject> owned) {
    Map<String, ContainerRecord> records = new LinkedHashMap<>();
    for (OwnedObject object : owned) {
      if (object.sandbox()) {
        continue;
      }
      ContainerRecord existing = records.get(object.container());
      if (existing == null || existing.restartCount() < object.attempt()) {
        ContainerRecord record = new ContainerRecord(object.container(), object.id(), object.attempt(), null, null,
            null, null, null, false);
        records.put(object.container(), record);
      }
    }
    return records;
  }

  /** Stops every container (SIGTERM, then SIGKILL after the grace period) and removes the sandbox. */
  void teardown(PodRef ref, PodRuntime state, Duration grace) {
    teardown(state, grace);
    try {
      AtomicWriter.deleteTree(config.podsDir().resolve(ref.uid()));
    } catch (java.io.UncheckedIOException ignored) {
      // left for the next start's cleanup
    }
  }

  void teardown(PodRuntime state, Duration grace) {
    List<String> running = state.containers().values().stream().map(ContainerRecord::containerId)
        .filter(java.util.Objects::nonNull).toList();
    try {
      runtime.stopContainers(running, grace);
    } catch (RuntimeFailure ignored) {
      // already gone; removing the sandbox below removes whatever is left
    }
    if (state.sandboxId() != null) {
      try {
        runtime.removeSandbox(state.sandboxId());
      } catch (RuntimeFailure ignored) {
        // already gone
      }
    }
  }
}
