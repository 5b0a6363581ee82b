package io.coxswain.node.pod;

import io.coxswain.api.Defaulting;
import io.coxswain.api.Quantity;
import io.coxswain.api.core.Volume;
import io.coxswain.node.config.AtomicWriter;
import io.coxswain.node.config.ConfigError;
import io.coxswain.node.config.ConfigLookup;
import io.coxswain.node.config.ConfigVolumes;
import io.coxswain.node.config.PullSecrets;
import io.coxswain.node.config.ResolvConf;
import io.coxswain.node.config.ServiceAccountTokens;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocking work of a pod worker, one call per step: bring the pod's sandbox and containers to
 * what the spec and the restart rules want, and tear them down. Runs on a blocking dispatcher;
 * returns the new view, never throws for runtime failures (they become waiting reasons).
 */
public final class PodSteps {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PodSteps.class);
  private static final Duration MIN_GRACE_AFTER_PRE_STOP = Duration.ofSeconds(2);
  private final ContainerRuntime runtime;
  private final Clock clock;
  private final RestartRules.Backoff backoff;
  private final String nodeAddress;
  private final Config config;
  private final ServiceAccountTokens tokens;

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
    this.tokens = new ServiceAccountTokens(clock);
  }

  /**
   * One sync: sandbox (adopting one left by an earlier agent), observe containers, start those due
   * in the kubelet's order ({@link InitOrder}: init containers one by one, sidecars kept running,
   * then the app containers), and stop the sidecars once the app containers have ended for good.
   */
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
    boolean ended = podEnded(pod, state);
    Map<String, ContainerRecord> records = new LinkedHashMap<>(PodSync.observe(state.containers(), observed,
        name -> InitOrder.restartPolicy(pod, name, ended), podBackoff, now));
    removeOlderAttempts(state.containers(), records);
    DownwardApi.Addresses addresses = new DownwardApi.Addresses(state.podIp(), nodeAddress);
    Map<String, Path> volumeDirs;
    String volumeProblem = PodVolumes.unsupported(pod);
    Path resolvConf = null;
    Path hosts = null;
    try {
      volumeDirs = writeVolumes(ref, pod, addresses);
      resolvConf = writeResolvConf(ref, pod);
      hosts = writeHosts(ref, pod, state.podIp());
    } catch (RuntimeException e) {
      // As a kubelet whose volume cannot be set up (a ConfigError, an I/O failure, anything else):
      // the containers wait in ContainerCreating; the sync itself goes on.
      volumeDirs = Map.of();
      volumeProblem = "MountVolume.SetUp failed " + (e instanceof ConfigError ? e.getMessage()
          : ": " + (e instanceof java.io.UncheckedIOException ? e.getMessage() : e.toString()));
    }
    PodFiles files = new PodFiles(volumeDirs, resolvConf, hosts);
    List<PodEvents.Note> notes = new ArrayList<>();
    InitOrder init = InitOrder.of(pod, records, state.startupPassed());
    List<Container> due = new ArrayList<>();
    if (!init.failed() && !InitOrder.appsEnded(pod, records)) {
      pod.spec().initContainers().stream().filter(c -> init.mayStart().contains(c.name())).forEach(due::add);
      if (init.initialized()) {
        due.addAll(pod.spec().containers());
      }
    }
    for (Container container : due) {
      ContainerRecord record = records.getOrDefault(container.name(), ContainerRecord.fresh(container.name()));
      if (record.dueToStart(now) && volumeProblem != null) {
        if (!volumeProblem.equals(record.waitingMessage())) {
          notes.add(new PodEvents.Note(true, "FailedMount", volumeProblem));
        }
        record = record.failedToStart("ContainerCreating", volumeProblem, now);
      } else if (record.dueToStart(now)) {
        record = start(ref, state.sandboxId(), state.podIp(), pod, container, record, podBackoff, now, addresses, files,
                notes);
      }
      records.put(container.name(), record);
    }
    boolean endedNow = init.failed() || InitOrder.appsEnded(pod, records);
    if (endedNow) {
      stopSidecars(pod, records, state.podIp(), notes);
    }
    PodRuntime next = state.withContainers(state.sandboxId(), state.podIp(), state.startTime(), records);
    // A pod that has ended runs no probes: its sidecars are stopping or stopped.
    return (endedNow ? next : probe(pod, next, now, notes)).withNotes(notes);
  }

  /** Whether the pod's app containers have all ended for good, or an init container failed it. */
  private static boolean podEnded(Pod pod, PodRuntime state) {
    return InitOrder.appsEnded(pod, state.containers())
        || InitOrder.of(pod, state.containers(), state.startupPassed()).failed();
  }

  /**
   * Once the app containers have ended for good (or an init container failed the pod), the
   * sidecars stop too, within one grace period, last one first, as in Kubernetes; a sidecar that is
   * down (backing off, or exited just now) stays down.
   */
  private void stopSidecars(Pod pod, Map<String, ContainerRecord> records, String podIp, List<PodEvents.Note> notes) {
    List<List<Container>> waves = new ArrayList<>();
    List<Container> sidecars = new ArrayList<>(PodContainers.sidecars(pod));
    java.util.Collections.reverse(sidecars);
    for (Container sidecar : sidecars) {
      ContainerRecord record = records.get(sidecar.name());
      if (record != null && record.running()) {
        waves.add(List.of(sidecar));
      } else if (record != null && !record.finished()) {
        records.put(sidecar.name(), record.done());
      }
    }
    if (!waves.isEmpty()) {
      stop(pod, waves, records, podIp, Duration.ofSeconds(gracePeriod(pod)), notes);
    }
  }

  /**
   * Runs the probes that are due on running containers (when the runtime can probe). Until a
   * container's startup probe has passed, only it runs; then readiness and liveness. A container
   * that fails its startup or liveness probe is stopped; the next sync sees it exit and the restart
   * policy takes over. Probe history starts afresh with each container attempt.
   */
  private PodRuntime probe(Pod pod, PodRuntime state, Instant now, List<PodEvents.Note> notes) {
    if (!(runtime instanceof ProbeRunner prober)) {
      return state;
    }
    Map<String, ProbeState> startup = new LinkedHashMap<>();
    Map<String, ProbeState> readiness = new LinkedHashMap<>();
    Map<String, ProbeState> liveness = new LinkedHashMap<>();
    for (Container container : PodContainers.running(pod)) {
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
            stop(pod, List.of(List.of(container)), state.containers(), state.podIp(),
                probeGrace(pod, container.startupProbe()), notes);
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
          stop(pod, List.of(List.of(container)), state.containers(), state.podIp(),
              probeGrace(pod, container.livenessProbe()), notes);
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
    io.coxswain.node.runtime.ProbeResult result;
    try {
      result = prober.probe(record.containerId(), podIp, probe, kind);
    } catch (RuntimeFailure failure) {
      result = io.coxswain.node.runtime.ProbeResult.failure(failure.getMessage());
    }
    return state.after(probe, result, now);
  }

  private static long gracePeriod(Pod pod) {
    Long grace = pod.spec().terminationGracePeriodSeconds();
    return grace == null ? 30 : grace;
  }

  /** A probe's own terminationGracePeriodSeconds, when set, takes the place of the pod's (Kubernetes 1.25+). */
  private static Duration probeGrace(Pod pod, io.coxswain.api.core.Probe probe) {
    return Duration.ofSeconds(probe.terminationGracePeriodSeconds() != null ? probe.terminationGracePeriodSeconds()
        : gracePeriod(pod));
  }

  /**
   * Stops running containers within one {@code grace}, as the kubelet kills a pod: every preStop
   * handler starts at once (each bounded by the grace period; none when the grace is 0), then each
   * wave in turn gets SIGTERM once its own handlers are done, and SIGKILL when what is left of the
   * grace period is over. A wave whose handlers used up the grace still gets 2 s after SIGTERM. A
   * failed preStop is an Event (FailedPreStopHook; its detail only in the log, as Kubernetes keeps
   * secrets out of Events) and the stop goes on.
   *
   * @param waves containers stopped together, in order (app containers, then each sidecar, last first)
   */
  private void stop(Pod pod, List<List<Container>> waves, Map<String, ContainerRecord> records, String podIp,
      Duration grace, List<PodEvents.Note> notes) {
    long deadline = System.nanoTime() + grace.toNanos();
    Map<String, java.util.concurrent.CompletableFuture<String>> hooks = new LinkedHashMap<>();
    for (List<Container> wave : waves) {
      for (Container container : wave) {
        ContainerRecord record = records.get(container.name());
        if (record == null || record.containerId() == null || record.finished() || grace.isZero()
            || container.lifecycle() == null || container.lifecycle().preStop() == null) {
          continue;
        }
        hooks.put(container.name(), preStop(pod, container, record.containerId(), podIp, grace));
      }
    }
    for (List<Container> wave : waves) {
      List<String> ids = new ArrayList<>();
      boolean hooked = false;
      for (Container container : wave) {
        ContainerRecord record = records.get(container.name());
        if (record == null || record.containerId() == null || record.finished()) {
          continue;
        }
        ids.add(record.containerId());
        java.util.concurrent.CompletableFuture<String> hook = hooks.get(container.name());
        if (hook != null) {
          hooked = true;
          String failure = await(hook, deadline, grace);
          if (failure != null) {
            log.info("pod={}/{} container={}: {}", pod.metadata().namespace(), pod.metadata().name(),
                container.name(), failure);
            notes.add(new PodEvents.Note(true, "FailedPreStopHook", "PreStopHook failed",
                PodEvents.fieldPath(pod, container.name())));
          }
        }
      }
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      if (hooked && left.compareTo(MIN_GRACE_AFTER_PRE_STOP) < 0) {
        left = MIN_GRACE_AFTER_PRE_STOP; // as the kubelet: a preStop that used the grace period still leaves 2 s
      }
      try {
        runtime.stopContainers(ids, left);
      } catch (RuntimeFailure ignored) {
        // already gone: the next sync sees it
      }
    }
  }

  /** Runs a preStop handler on a thread of its own (a pod has few containers), so handlers run side by side. */
  private java.util.concurrent.CompletableFuture<String> preStop(Pod pod, Container container, String containerId,
      String podIp, Duration grace) {
    java.util.concurrent.CompletableFuture<String> hook = new java.util.concurrent.CompletableFuture<>();
    Thread runner = new Thread(() -> {
      try {
        hook.complete(LifecycleHooks.run(runtime, "PreStop", container.lifecycle().preStop(), pod, container,
            containerId, podIp, grace));
      } catch (RuntimeException e) {
        hook.complete("PreStop hook for Container \"" + container.name() + "\" failed - error: " + e);
      }
    }, "prestop-" + container.name());
    runner.setDaemon(true);
    runner.start();
    return hook;
  }

  /** The handler's failure, or null; waits at most until {@code deadline} (System.nanoTime). */
  private static String await(java.util.concurrent.CompletableFuture<String> hook, long deadline, Duration grace) {
    try {
      return hook.get(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException late) {
      return "PreStop hook did not finish within the grace period of " + grace.toSeconds() + "s";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (java.util.concurrent.ExecutionException impossible) {
      return String.valueOf(impossible.getCause());
    }
  }

  /** The files of the pod's configMap, secret, downwardAPI and projected volumes, written; their directories. */
  private Map<String, Path> writeVolumes(PodRef ref, Pod pod, DownwardApi.Addresses addresses) {
    Map<String, Path> dirs = new LinkedHashMap<>();
    for (Volume volume : pod.spec().volumes()) {
      if (ConfigVolumes.isConfigVolume(volume)) {
        Path dir = volumesDir(ref).resolve(volume.name());
        try {
          AtomicWriter.write(dir, ConfigVolumes.files(pod, volume, addresses, config.allocatable(), config.lookup(),
              (p, projection) -> tokens.token(p, projection, config.lookup().secret(
                  ServiceAccountTokens.KEY_NAMESPACE, ServiceAccountTokens.KEY_SECRET), ref.node(),
                  config.lookup().serviceAccountUid(p.metadata().namespace(), p.spec().serviceAccountName() == null
                      ? "default" : p.spec().serviceAccountName()))), ConfigVolumes.fsGroup(pod));
        } catch (ConfigError e) {
          // The kubelet's words: MountVolume.SetUp failed for volume "cfg" : configmap "app" not found
          throw new ConfigError("for volume \"" + volume.name() + "\" : " + e.getMessage());
        }
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
    return writeIfChanged(config.podsDir().resolve(ref.uid()).resolve("resolv.conf"),
        ResolvConf.render(pod, clusterDns, config.clusterDomain(), hostFile));
  }

  /**
   * The pod's /etc/hosts ({@link io.coxswain.node.config.HostsFile}), so its hostname and
   * hostAliases resolve in each container; its path. Written once, when the pod has its address,
   * as the kubelet writes it: lines a program of the pod adds later stay.
   */
  private Path writeHosts(PodRef ref, Pod pod, String podIp) {
    Path file = config.podsDir().resolve(ref.uid()).resolve("etc-hosts");
    if (java.nio.file.Files.exists(file)) {
      return file;
    }
    String nodeHosts;
    try {
      nodeHosts = pod.spec().hostNetworkOrFalse() ? java.nio.file.Files.readString(Path.of("/etc/hosts")) : "";
    } catch (java.io.IOException e) {
      nodeHosts = "";
    }
    String domain = config.clusterDomain() == null ? "cluster.local" : config.clusterDomain();
    return writeIfChanged(file, io.coxswain.node.config.HostsFile.render(pod, podIp, domain, nodeHosts));
  }

  private static Path writeIfChanged(Path file, String content) {
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

  /** The node-made files a container mounts: config volumes' directories, resolv.conf and /etc/hosts (either may be null). */
  record PodFiles(Map<String, Path> volumeDirs, Path resolvConf, Path hosts) {}

  /**
   * Starts one container, then runs its postStart handler: a failed handler is an Event
   * (FailedPostStartHook) and the container is killed, so the restart policy decides what follows.
   */
  private ContainerRecord start(PodRef ref, String sandboxId, String podIp, Pod pod, Container container,
      ContainerRecord record, RestartRules.Backoff podBackoff, Instant now, DownwardApi.Addresses addresses,
      PodFiles files, List<PodEvents.Note> notes) {
    Map<String, String> env;
    try {
      env = EnvResolver.resolve(pod, container, addresses, config.allocatable(), config.lookup()).env();
    } catch (ConfigError error) {
      return record.failedToStart(ConfigError.REASON, error.getMessage(), now.plus(podBackoff.delay(0)));
    }
    String id;
    try {
      id = runtime.startContainer(sandboxId, ContainerConfigs.of(ref, pod, container, record.restartCount(),
          env, files, PullSecrets.of(pod, config.lookup()), config.podsDir().resolveSibling("seccomp")));
    } catch (RuntimeFailure failure) {
      // A failed pull shows first as ErrImagePull, then ImagePullBackOff while it waits to retry.
      String reason = "ErrImagePull".equals(failure.reason()) && "ErrImagePull".equals(record.waitingReason())
          ? "ImagePullBackOff" : failure.reason();
      return record.failedToStart(reason, failure.getMessage(), now.plus(podBackoff.delay(0)));
    }
    if (container.lifecycle() != null && container.lifecycle().postStart() != null) {
      String failure = LifecycleHooks.run(runtime, "PostStart", container.lifecycle().postStart(), pod, container, id,
          podIp, LifecycleHooks.POST_START_LIMIT);
      if (failure != null) {
        log.info("pod={}/{} container={}: {}", pod.metadata().namespace(), pod.metadata().name(), container.name(),
            failure);
        notes.add(new PodEvents.Note(true, "FailedPostStartHook", "PostStartHook failed",
            PodEvents.fieldPath(pod, container.name())));
        stop(pod, List.of(List.of(container)), Map.of(container.name(), record.started(id)), podIp,
            Duration.ofSeconds(gracePeriod(pod)), notes);
      }
    }
    return record.started(id);
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

  /**
   * Stops the pod within {@code grace} as the kubelet does (app containers first, each with its
   * preStop handler, then the sidecars, last one first, with what is left), removes the sandbox and
   * the pod's node files. Returns what it has to say (failed preStop handlers).
   */
  List<PodEvents.Note> teardown(PodRef ref, Pod pod, PodRuntime state, Duration grace) {
    List<PodEvents.Note> notes = new ArrayList<>();
    // First wave: the app containers and a regular init container still running; then each
    // sidecar, last one first. Whatever else the pod holds (a container the spec no longer names)
    // goes with the first wave.
    List<List<Container>> waves = new ArrayList<>();
    List<Container> first = new ArrayList<>(pod.spec().containers());
    pod.spec().initContainers().stream().filter(c -> !InitOrder.sidecar(c)).forEach(first::add);
    waves.add(first);
    List<Container> sidecars = new ArrayList<>(PodContainers.sidecars(pod));
    java.util.Collections.reverse(sidecars);
    sidecars.forEach(sidecar -> waves.add(List.of(sidecar)));
    Map<String, ContainerRecord> records = new LinkedHashMap<>(state.containers());
    java.util.Set<String> named = new java.util.HashSet<>();
    PodContainers.all(pod).forEach(c -> named.add(c.name()));
    for (ContainerRecord record : state.containers().values()) {
      if (!named.contains(record.name())) {
        first.add(Container.of(record.name(), ""));
      }
    }
    stop(pod, waves, records, state.podIp(), grace, notes);
    if (state.sandboxId() != null) {
      try {
        runtime.removeSandbox(state.sandboxId());
      } catch (RuntimeFailure ignored) {
        // already gone
      }
    }
    tokens.forget(ref.uid());
    try {
      AtomicWriter.deleteTree(config.podsDir().resolve(ref.uid()));
    } catch (java.io.UncheckedIOException ignored) {
      // left for the next start's cleanup
    }
    return notes;
  }
}
