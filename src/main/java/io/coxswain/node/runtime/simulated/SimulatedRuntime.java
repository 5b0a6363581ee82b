package io.coxswain.node.runtime.simulated;

import io.coxswain.node.runtime.ContainerConfig;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.LogReader;
import io.coxswain.node.runtime.OwnedObject;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.ProbeResult;
import io.coxswain.node.runtime.ProbeRunner;
import io.coxswain.api.core.Probe;
import io.coxswain.node.runtime.RuntimeFailure;
import io.coxswain.node.runtime.SandboxConfig;
import io.coxswain.node.runtime.SandboxInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A container runtime without processes: containers are entries whose state follows from the
 * clock and their {@link SimulatedBehavior}. Deterministic for a given seed and clock, so a
 * simulation of thousands of nodes replays exactly. Pod IPs come from this node's pod subnet.
 */
public final class SimulatedRuntime implements ContainerRuntime, ProbeRunner, LogReader {
  private final Clock clock;
  private final Random random;
  private final Duration defaultStartLatency;
  private final int subnetBase;
  /** Usable host numbers of the /24: .2 to .254 (.1 is the node's bridge). */
  private static final int FIRST_HOST = 2;
  private static final int HOSTS = 253;
  private int nextHost = FIRST_HOST;
  private final Set<Integer> hostsInUse = new HashSet<>();
  private final Map<String, Sandbox> sandboxes = new LinkedHashMap<>();
  private final Map<String, Container> containers = new LinkedHashMap<>();

  private record Sandbox(String id, SandboxConfig config, String podIp, int host) {}

  private record Container(String id, String sandboxId, ContainerConfig config, SimulatedBehavior behavior,
                           Instant createdAt, Instant stoppedAt, Integer stopExitCode) {
    Container stopped(Instant at, int exitCode) {
      return new Container(id, sandboxId, config, behavior, createdAt, at, exitCode);
    }
  }

  /**
   * @param podSubnet this node's pod subnet as "a.b.c.0/24" (the first usable address is .2)
   */
  public SimulatedRuntime(Clock clock, long seed, Duration defaultStartLatency, String podSubnet) {
    this.clock = clock;
    this.random = new Random(seed);
    this.defaultStartLatency = defaultStartLatency;
    String[] octets = podSubnet.split("/")[0].split("\\.");
    this.subnetBase = Integer.parseInt(octets[0]) << 24 | Integer.parseInt(octets[1]) << 16
        | Integer.parseInt(octets[2]) << 8;
  }

  @Override
  public String version() {
    return "simulated://0.1.0";
  }

  @Override
  public synchronized SandboxInfo runSandbox(SandboxConfig config) throws RuntimeFailure {
    int host = freeHost();
    hostsInUse.add(host);
    String ip = (subnetBase >>> 24) + "." + (subnetBase >>> 16 & 255) + "." + (subnetBase >>> 8 & 255) + "." + host;
    Sandbox sandbox = new Sandbox(newId(), config, ip, host);
    sandboxes.put(sandbox.id(), sandbox);
    return new SandboxInfo(sandbox.id(), ip);
  }

  /**
   * The first address not held by a sandbox, searching on from the last one handed out and
   * wrapping round, as host-local IPAM does: addresses are reused once their pod is gone (a node
   * runs far more than 253 pods in its life), but not the moment they are released.
   */
  private int freeHost() throws RuntimeFailure {
    for (int i = 0; i < HOSTS; i++) {
      int host = FIRST_HOST + (nextHost - FIRST_HOST + i) % HOSTS;
      if (!hostsInUse.contains(host)) {
        nextHost = FIRST_HOST + (host - FIRST_HOST + 1) % HOSTS;
        return host;
      }
    }
    throw new RuntimeFailure("FailedCreatePodSandBox", "no free address left in the node's pod subnet");
  }

  @Override
  public synchronized String startContainer(String sandboxId, ContainerConfig config) throws RuntimeFailure {
    Sandbox sandbox = sandboxes.get(sandboxId);
    if (sandbox == null) {
      throw new RuntimeFailure("CreateContainerError", "no such sandbox: " + sandboxId);
    }
    SimulatedBehavior behavior = SimulatedBehavior.of(sandbox.config().annotations(), config.name(), defaultStartLatency,
        config.runsToCompletion());
    if (behavior.pullError() != null) {
      throw new RuntimeFailure("ErrImagePull", "failed to pull image \"" + config.image() + "\": " + behavior.pullError());
    }
    Container container = new Container(newId(), sandboxId, config, behavior, clock.instant(), null, null);
    containers.put(container.id(), container);
    return container.id();
  }

  @Override
  public synchronized void stopContainer(String containerId, Duration grace) {
    Container container = containers.get(containerId);
    if (container != null && container.stoppedAt() == null && state(container).running()) {
      // A simulated process honours SIGTERM at once: exit code 143 (128 + SIGTERM), as a shell would.
      containers.put(containerId, container.stopped(clock.instant(), 143));
    }
  }

  @Override
  public synchronized void removeContainer(String containerId) {
    containers.remove(containerId);
  }

  @Override
  public synchronized void removeSandbox(String sandboxId) {
    containers.values().removeIf(c -> c.sandboxId().equals(sandboxId));
    Sandbox removed = sandboxes.remove(sandboxId);
    if (removed != null) {
      hostsInUse.remove(removed.host());
    }
  }

  @Override
  public synchronized ContainerState inspect(String containerId) throws RuntimeFailure {
    Container container = containers.get(containerId);
    if (container == null) {
      throw new RuntimeFailure("NotFound", "no such container: " + containerId);
    }
    return state(container);
  }

  @Override
  public synchronized List<OwnedObject> listOwned(String node) {
    List<OwnedObject> owned = new ArrayList<>();
    for (Sandbox sandbox : sandboxes.values()) {
      if (sandbox.config().pod().node().equals(node)) {
        owned.add(new OwnedObject(sandbox.id(), sandbox.config().pod(), null, 0, true, true));
      }
    }
    for (Container container : containers.values()) {
      PodRef pod = container.config().pod();
      if (pod.node().equals(node)) {
        owned.add(new OwnedObject(container.id(), pod, container.config().name(), container.config().attempt(), false,
            state(container).running()));
      }
    }
    return owned;
  }

  /**
   * Probes answer from the container's annotations, measured from when it started running, whatever
   * their handler (exec, httpGet, tcpSocket or grpc): a simulated pod has no process to reach.
   */
  @Override
  public synchronized ProbeResult probe(String containerId, String podIp, Probe probe, Kind kind)
      throws RuntimeFailure {
    Container container = containers.get(containerId);
    if (container == null) {
      throw new RuntimeFailure("NotFound", "no such container: " + containerId);
    }
    ContainerState state = state(container);
    if (!state.running()) {
      return ProbeResult.failure("container is not running");
    }
    if (kind == Kind.HOOK) {
      return ProbeResult.SUCCESS; // a simulated container's lifecycle hooks always succeed
    }
    Duration up = Duration.between(state.startedAt(), clock.instant());
    if (kind == Kind.LIVENESS) {
      return container.behavior().liveFor() == null || up.compareTo(container.behavior().liveFor()) < 0
          ? ProbeResult.SUCCESS : ProbeResult.failure("simulated: not live after "
          + io.coxswain.node.GoDurations.format(container.behavior().liveFor()));
    }
    return up.compareTo(container.behavior().readyAfter()) >= 0 ? ProbeResult.SUCCESS
        : ProbeResult.failure("simulated: not ready before " + io.coxswain.node.GoDurations.format(container.behavior().readyAfter()));
  }

  /**
   * The container's {@code log} annotation, written the moment it started (so with timestamps
   * every line carries its start time). Following a running container keeps the stream open, with
   * nothing more to say, until the handle is closed.
   */
  @Override
  public synchronized java.io.Closeable logs(String containerId, LogOptions options, Sink sink) throws RuntimeFailure {
    Container container = containers.get(containerId);
    if (container == null) {
      throw new RuntimeFailure("NotFound", "no such container: " + containerId);
    }
    ContainerState state = state(container);
    List<String> lines = new ArrayList<>();
    boolean written = state.startedAt() != null && (options.sinceSeconds() == null
        || !state.startedAt().isBefore(clock.instant().minusSeconds(options.sinceSeconds())));
    if (written && !container.behavior().log().isEmpty()) {
      lines.addAll(List.of(container.behavior().log().split("\n", -1)));
      if (lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
    }
    if (options.tailLines() != null && lines.size() > options.tailLines()) {
      lines = lines.subList(lines.size() - options.tailLines(), lines.size());
    }
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(options.timestamps() ? state.startedAt() + " " : "").append(line).append('\n');
    }
    byte[] bytes = out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (options.limitBytes() != null && bytes.length > options.limitBytes()) {
      bytes = java.util.Arrays.copyOf(bytes, options.limitBytes().intValue());
    }
    if (bytes.length > 0) {
      sink.chunk(bytes);
    }
    if (!options.follow() || !state.running()) {
      sink.end();
      return () -> { };
    }
    java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
    return () -> {
      if (open.getAndSet(false)) {
        sink.end();
      }
    };
  }

  /** The state at the clock's now: created, then running after the start latency, then exited. */
  private ContainerState state(Container c) {
    return phaseAt(c).withImageRef(imageRef(c.config().image()));
  }

  /** Image ids by image name: a simulated image's id is the SHA-256 of its name, so it is stable. */
  private static final java.util.Map<String, String> IMAGE_REFS = new java.util.concurrent.ConcurrentHashMap<>();

  static String imageRef(String image) {
    return IMAGE_REFS.computeIfAbsent(image, name -> {
      try {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
            .digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "sha256:" + java.util.HexFormat.of().formatHex(digest);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private ContainerState phaseAt(Container c) {
    Instant now = clock.instant();
    Instant startedAt = c.createdAt().plus(c.behavior().startLatency());
    if (c.stoppedAt() != null && !c.stoppedAt().isAfter(now)) {
      boolean everStarted = !startedAt.isAfter(c.stoppedAt());
      return new ContainerState(c.id(), ContainerState.Phase.EXITED, c.stopExitCode(),
          ContainerState.reasonFor(c.stopExitCode(), false), null, everStarted ? startedAt : null, c.stoppedAt());
    }
    if (now.isBefore(startedAt)) {
      return new ContainerState(c.id(), ContainerState.Phase.CREATED, null, null, null, null, null);
    }
    if (c.behavior().runFor() != null) {
      Instant exitAt = startedAt.plus(c.behavior().runFor());
      if (!now.isBefore(exitAt)) {
        int code = c.behavior().exitCode();
        return new ContainerState(c.id(), ContainerState.Phase.EXITED, code, ContainerState.reasonFor(code, false),
            null, startedAt, exitAt);
      }
    }
    return new ContainerState(c.id(), ContainerState.Phase.RUNNING, null, null, null, startedAt, null);
  }

  private String newId() {
    return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }
}
