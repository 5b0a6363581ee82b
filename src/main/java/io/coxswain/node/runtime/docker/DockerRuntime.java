package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import io.coxswain.api.core.Probe;
import io.coxswain.node.runtime.ContainerConfig;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ContainerState;
import io.coxswain.node.runtime.GrpcProbes;
import io.coxswain.node.runtime.LogReader;
import io.coxswain.node.runtime.MountConfig;
import io.coxswain.node.runtime.NetworkProbes;
import io.coxswain.node.runtime.OwnedObject;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.ProbeResult;
import io.coxswain.node.runtime.ProbeRunner;
import io.coxswain.node.runtime.RuntimeFailure;
import io.coxswain.node.runtime.RuntimeLabels;
import io.coxswain.node.runtime.SandboxConfig;
import io.coxswain.node.runtime.SandboxInfo;
import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The container runtime on a Docker Engine, through docker-java. A pod's sandbox is a pause
 * container on the node's bridge network: it owns the pod's network namespace and address, and
 * every container of the pod joins it ({@code container:<pause>}), so they share localhost. emptyDir
 * volumes are Docker volumes labelled with the pod, removed with the sandbox. Everything carries
 * {@link RuntimeLabels}, which is how a restarted agent finds what it owns.
 */
public final class DockerRuntime implements ContainerRuntime, ProbeRunner, LogReader,
    io.coxswain.node.runtime.PodNetwork {
  private final DockerClient docker;
  private final DockerSettings settings;
  private final String version;

  DockerRuntime(DockerClient docker, DockerSettings settings, String version) {
    this.docker = docker;
    this.settings = settings;
    this.version = version;
  }

  @Override
  public String version() {
    return "docker://" + version;
  }

  /**
   * The bridge of the node's network: Docker names it after the network's id ({@code br-} and the
   * id's first 12 characters) unless the network was made with {@code com.docker.network.bridge.name}.
   */
  @Override
  public String bridgeInterface() {
    com.github.dockerjava.api.model.Network network = docker.inspectNetworkCmd().withNetworkId(settings.network()).exec();
    String named = network.getOptions() == null ? null : network.getOptions().get("com.docker.network.bridge.name");
    return named != null && !named.isEmpty() ? named : "br-" + network.getId().substring(0, 12);
  }

  /** The daemon connection, for tools and tests that work beside the runtime. */
  public DockerClient client() {
    return docker;
  }

  @Override
  public SandboxInfo runSandbox(SandboxConfig config) throws RuntimeFailure {
    PodRef pod = config.pod();
    Map<String, String> labels = labels(pod);
    labels.put(RuntimeLabels.SANDBOX, "true");
    try {
      for (SandboxConfig.EmptyDir emptyDir : config.emptyDirs()) {
        EmptyDirs.create(docker, volumeName(pod, emptyDir.name()), labels(pod), emptyDir, config.fsGroup());
      }
      List<PortBinding> bindings = new ArrayList<>();
      List<ExposedPort> exposed = new ArrayList<>();
      for (SandboxConfig.HostPort port : config.hostPorts()) {
        ExposedPort containerPort = new ExposedPort(port.containerPort(),
            InternetProtocol.parse(port.protocol().toLowerCase(java.util.Locale.ROOT)));
        exposed.add(containerPort);
        bindings.add(new PortBinding(Ports.Binding.bindIpAndPort(port.hostIp(), port.hostPort()), containerPort));
      }
      HostConfig host = HostConfig.newHostConfig().withNetworkMode(settings.network()).withPortBindings(bindings)
          .withIpcMode("shareable");
      if (config.shareProcessNamespace()) {
        // The pod's containers join this PID namespace: its PID 1 must reap their orphans, as pause does.
        host.withInit(true);
      }
      if (!config.sysctls().isEmpty()) {
        // The pod's namespaced sysctls belong to the namespaces the sandbox owns (its network's).
        host.withSysctls(config.sysctls());
      }
      String name = "k8s_POD_" + pod.name() + "_" + pod.namespace() + "_" + pod.uid() + "_0";
      CreateContainerCmd create = docker.createContainerCmd(settings.pauseImage()).withName(name)
          .withHostName(config.hostname() != null ? config.hostname() : hostname(pod.name())).withLabels(labels).withExposedPorts(exposed).withHostConfig(host);
      String id = createReplacingStale(create, name);
      docker.startContainerCmd(id).exec();
      InspectContainerResponse inspected = docker.inspectContainerCmd(id).exec();
      ContainerNetwork network = inspected.getNetworkSettings().getNetworks().get(settings.network());
      return new SandboxInfo(id, network == null ? null : network.getIpAddress());
    } catch (DockerException | IllegalArgumentException | IllegalStateException e) {
      removeVolumes(pod.uid()); // made before the sandbox failed: nothing else would remove them
      throw new RuntimeFailure("CreatePodSandboxError", "Failed to create pod sandbox: " + DockerErrors.message(e));
    }
  }

  @Override
  public String startContainer(String sandboxId, ContainerConfig config) throws RuntimeFailure {
    ImagePuller.ensure(docker, config.image(), config.imagePullPolicy(), settings.pullTimeout(), config.pullAuth());
    String id;
    try {
      PodRef pod = config.pod();
      Map<String, String> labels = labels(pod);
      labels.put(RuntimeLabels.CONTAINER, config.name());
      labels.put(RuntimeLabels.ATTEMPT, Integer.toString(config.attempt()));
      HostConfig host = HostConfig.newHostConfig()
          .withNetworkMode("container:" + sandboxId)
          .withIpcMode("container:" + sandboxId)
          .withBinds(binds(pod, config.mounts()));
      if (config.shareProcessNamespace()) {
        host.withPidMode("container:" + sandboxId);
      }
      if (config.memoryLimitBytes() != null) {
        // Swap equal to memory: the limit is the limit, no overflow into swap.
        host.withMemory(config.memoryLimitBytes()).withMemorySwap(config.memoryLimitBytes());
      }
      if (config.cpuMillis() != null) {
        // As the kubelet does: a 100 ms CFS period, quota in proportion, at least 1 ms.
        host.withCpuPeriod(100_000L).withCpuQuota(Math.max(1_000L, config.cpuMillis() * 100));
      }
      List<String> env = new ArrayList<>();
      config.env().forEach((k, v) -> env.add(k + "=" + v));
      String name = "k8s_" + config.name() + "_" + pod.name() + "_" + pod.namespace() + "_" + pod.uid() + "_"
          + config.attempt();
      CreateContainerCmd create = docker.createContainerCmd(config.image()).withName(name).withLabels(labels)
          .withEnv(env).withHostConfig(host);
      if (!config.command().isEmpty()) {
        create.withEntrypoint(config.command());
      }
      if (!config.args().isEmpty()) {
        create.withCmd(config.args());
      }
      if (config.workingDir() != null && !config.workingDir().isEmpty()) {
        create.withWorkingDir(config.workingDir());
      }
      DockerSecurity.apply(docker, config.image(), config.security(), create, host);
      id = createReplacingStale(create, name);
    } catch (DockerException e) {
      throw new RuntimeFailure("CreateContainerError", DockerErrors.message(e));
    } catch (RuntimeException e) {
      // The client library refused what we asked of it: the container waits with the reason, as any create error.
      throw new RuntimeFailure("CreateContainerError", String.valueOf(e.getMessage()));
    }
    try {
      docker.startContainerCmd(id).exec();
    } catch (DockerException e) {
      // The container exists but its process did not start (no such command, ...): inspect now
      // reports it as terminated with StartError, and the restart policy decides what follows.
    }
    return id;
  }

  /** Creates, first removing a leftover of the same name (an agent that died between create and record). */
  private String createReplacingStale(CreateContainerCmd create, String name) {
    try {
      return create.exec().getId();
    } catch (ConflictException exists) {
      docker.removeContainerCmd(name).withForce(true).exec();
      return create.exec().getId();
    }
  }

  @Override
  public void stopContainer(String containerId, Duration grace) throws RuntimeFailure {
    try {
      docker.stopContainerCmd(containerId).withTimeout((int) Math.max(0, grace.getSeconds())).exec();
    } catch (NotModifiedException | NotFoundException alreadyStopped) {
      // fine: stopping a stopped (or absent) container
    } catch (DockerException e) {
      throw new RuntimeFailure("KillContainerError", DockerErrors.message(e));
    }
  }

  /** SIGTERM to all at once, then each stop waits only what is left of the shared grace period. */
  @Override
  public void stopContainers(List<String> containerIds, Duration grace) throws RuntimeFailure {
    long deadline = System.nanoTime() + grace.toNanos();
    for (String id : containerIds) {
      try {
        docker.killContainerCmd(id).withSignal("SIGTERM").exec();
      } catch (DockerException notRunning) {
        // stopped or gone already: the stop below is a no-op for it
      }
    }
    for (String id : containerIds) {
      // Docker counts whole seconds: round up, so SIGKILL never comes before the grace period ends.
      long left = Math.max(0, (deadline - System.nanoTime() + 999_999_999L) / 1_000_000_000L);
      stopContainer(id, Duration.ofSeconds(left));
    }
  }

  @Override
  public void removeContainer(String containerId) throws RuntimeFailure {
    try {
      docker.removeContainerCmd(containerId).withForce(true).exec();
    } catch (NotFoundException alreadyGone) {
      // fine
    } catch (DockerException e) {
      throw new RuntimeFailure("RemoveContainerError", DockerErrors.message(e));
    }
  }

  @Override
  public void removeSandbox(String sandboxId) throws RuntimeFailure {
    String uid;
    try {
      uid = docker.inspectContainerCmd(sandboxId).exec().getConfig().getLabels().get(RuntimeLabels.POD_UID);
    } catch (NotFoundException alreadyGone) {
      return;
    }
    try {
      for (var container : docker.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(RuntimeLabels.POD_UID, uid)).exec()) {
        removeContainer(container.getId());
      }
      var volumes = docker.listVolumesCmd().withFilter("label", List.of(RuntimeLabels.POD_UID + "=" + uid)).exec();
      if (volumes.getVolumes() != null) {
        for (var volume : volumes.getVolumes()) {
          docker.removeVolumeCmd(volume.getName()).exec();
        }
      }
    } catch (NotFoundException alreadyGone) {
      // removed concurrently: fine
    } catch (DockerException e) {
      throw new RuntimeFailure("RemovePodSandboxError", DockerErrors.message(e));
    }
  }

  @Override
  public ContainerState inspect(String containerId) throws RuntimeFailure {
    try {
      InspectContainerResponse inspected = docker.inspectContainerCmd(containerId).exec();
      return DockerStates.of(containerId, inspected.getState()).withImageRef(inspected.getImageId());
    } catch (DockerException e) {
      throw new RuntimeFailure("ContainerNotFound", DockerErrors.message(e));
    }
  }

  @Override
  public List<OwnedObject> listOwned(String node) throws RuntimeFailure {
    try {
      List<OwnedObject> owned = new ArrayList<>();
      for (var container : docker.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(RuntimeLabels.NODE, node)).exec()) {
        Map<String, String> labels = container.getLabels();
        PodRef pod = new PodRef(node, labels.get(RuntimeLabels.POD_NAMESPACE), labels.get(RuntimeLabels.POD_NAME),
            labels.get(RuntimeLabels.POD_UID));
        boolean sandbox = "true".equals(labels.get(RuntimeLabels.SANDBOX));
        int attempt = Integer.parseInt(labels.getOrDefault(RuntimeLabels.ATTEMPT, "0"));
        owned.add(new OwnedObject(container.getId(), pod, labels.get(RuntimeLabels.CONTAINER), attempt, sandbox,
            "running".equals(container.getState())));
      }
      return owned;
    } catch (DockerException e) {
      throw new RuntimeFailure("RuntimeUnavailable", DockerErrors.message(e));
    }
  }

  @Override
  public ProbeResult probe(String containerId, String podIp, Probe probe, Kind kind) throws RuntimeFailure {
    int timeout = NetworkProbes.timeoutMillis(probe);
    if (probe.httpGet() != null) {
      return NetworkProbes.httpGet(podIp, probe.httpGet(), timeout, kind == Kind.HOOK);
    }
    if (probe.tcpSocket() != null) {
      return NetworkProbes.tcpSocket(podIp, probe.tcpSocket(), timeout);
    }
    if (probe.grpc() != null) {
      return GrpcProbes.check(podIp, probe.grpc(), timeout);
    }
    if (probe.exec() != null) {
      return exec(containerId, probe.exec().command(), timeout);
    }
    return ProbeResult.SUCCESS;
  }

  /**
   * Runs a command in the container; success is exit code 0 within the timeout. A failure carries
   * what the command printed (at most 10 KiB, as the kubelet keeps), or that it timed out.
   */
  private ProbeResult exec(String containerId, List<String> command, int timeoutMillis) throws RuntimeFailure {
    try {
      String execId = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
          .withAttachStdout(true).withAttachStderr(true).exec().getId();
      StringBuilder output = new StringBuilder();
      boolean finished = docker.execStartCmd(execId).exec(new ResultCallback.Adapter<Frame>() {
        @Override
        public void onNext(Frame frame) {
          synchronized (output) {
            if (output.length() < 10 * 1024) {
              output.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
            }
          }
        }
      }).awaitCompletion(timeoutMillis, TimeUnit.MILLISECONDS);
      if (!finished) {
        return ProbeResult.failure("command \"" + String.join(" ", command) + "\" timed out");
      }
      Long exitCode = docker.inspectExecCmd(execId).exec().getExitCodeLong();
      if (exitCode != null && exitCode == 0) {
        return ProbeResult.SUCCESS;
      }
      synchronized (output) {
        return ProbeResult.failure(output.toString());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeResult.failure("interrupted");
    } catch (DockerException e) {
      throw new RuntimeFailure("ProbeError", DockerErrors.message(e));
    }
  }

  @Override
  public Closeable logs(String containerId, LogOptions options, Sink sink) throws RuntimeFailure {
    LogContainerCmd command = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
        .withFollowStream(options.follow()).withTimestamps(options.timestamps());
    if (options.tailLines() != null) {
      command.withTail(options.tailLines().intValue());
    } else {
      command.withTailAll();
    }
    if (options.sinceSeconds() != null) {
      command.withSince((int) Instant.now().minusSeconds(options.sinceSeconds()).getEpochSecond());
    }
    try {
      return command.exec(new LogCallback(sink, options.limitBytes()));
    } catch (DockerException e) {
      throw new RuntimeFailure("NotFound", DockerErrors.message(e));
    }
  }

  /** Forwards frames to the sink, stops at the byte limit. */
  private static final class LogCallback extends ResultCallback.Adapter<Frame> {
    private final Sink sink;
    private long remaining;
    private volatile boolean done;

    LogCallback(Sink sink, Long limitBytes) {
      this.sink = sink;
      this.remaining = limitBytes == null ? Long.MAX_VALUE : limitBytes;
    }

    @Override
    public void onNext(Frame frame) {
      if (done) {
        return;
      }
      byte[] payload = frame.getPayload();
      if (payload.length > remaining) {
        payload = java.util.Arrays.copyOf(payload, (int) remaining);
      }
      remaining -= payload.length;
      try {
        sink.chunk(payload);
      } catch (RuntimeException failure) {
        finish(failure);
        return;
      }
      if (remaining == 0) {
        finish(null);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      finish(throwable);
    }

    @Override
    public void onComplete() {
      finish(null);
    }

    private synchronized void finish(Throwable failure) {
      if (done) {
        return;
      }
      done = true;
      if (failure == null) {
        sink.end();
      } else {
        sink.fail(failure);
      }
      try {
        super.close();
      } catch (java.io.IOException ignored) {
        // closing the stream is best effort
      }
    }

    @Override
    public void close() {
      finish(null);
    }
  }

  /** Removes a pod's emptyDir volumes, best effort (a sandbox that failed to start leaves them behind). */
  private void removeVolumes(String uid) {
    try {
      var volumes = docker.listVolumesCmd().withFilter("label", List.of(RuntimeLabels.POD_UID + "=" + uid)).exec();
      if (volumes.getVolumes() != null) {
        for (var volume : volumes.getVolumes()) {
          docker.removeVolumeCmd(volume.getName()).exec();
        }
      }
    } catch (DockerException ignored) {
      // the orphan sweep of a later start finds what is left
    }
  }

  private List<Bind> binds(PodRef pod, List<MountConfig> mounts) {
    List<Bind> binds = new ArrayList<>();
    for (MountConfig mount : mounts) {
      AccessMode mode = mount.readOnly() ? AccessMode.ro : AccessMode.rw;
      if (mount.emptyDir() != null) {
        // nocopy: an emptyDir starts empty, never with the image's files at that path (Docker's copy-up).
        binds.add(new Bind(volumeName(pod, mount.emptyDir()), new Volume(mount.containerPath()), mode,
            com.github.dockerjava.api.model.SELContext.none, true));
      } else {
        binds.add(new Bind(mount.hostPath(), new Volume(mount.containerPath()), mode));
      }
    }
    return binds;
  }

  private Map<String, String> labels(PodRef pod) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(RuntimeLabels.NODE, pod.node());
    labels.put(RuntimeLabels.POD_UID, pod.uid());
    labels.put(RuntimeLabels.POD_NAMESPACE, pod.namespace());
    labels.put(RuntimeLabels.POD_NAME, pod.name());
    return labels;
  }

  static String volumeName(PodRef pod, String volume) {
    return "coxswain_" + pod.uid() + "_" + volume;
  }

  /** A pod's hostname is its name, cut to the 63 characters a hostname may have. */
  private static String hostname(String podName) {
    return podName.length() <= 63 ? podName : podName.substring(0, 63);
  }
}
