package io.coxswain.node.pod;

import io.coxswain.api.Quantity;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.ContainerPort;
import io.coxswain.api.core.EnvVar;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSecurityContext;
import io.coxswain.api.core.Volume;
import io.coxswain.api.core.VolumeMount;
import io.coxswain.node.runtime.ContainerConfig;
import io.coxswain.node.runtime.MountConfig;
import io.coxswain.node.runtime.PodRef;
import io.coxswain.node.runtime.RegistryAuth;
import io.coxswain.node.runtime.SandboxConfig;
import io.coxswain.node.config.EnvResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A pod spec as the runtime needs it: the sandbox (volumes, host ports) and each container. Pure. */
final class ContainerConfigs {
  private ContainerConfigs() {}

  static SandboxConfig sandbox(PodRef ref, Pod pod, String nodeAddress) {
    List<SandboxConfig.EmptyDir> emptyDirs = new ArrayList<>();
    for (Volume volume : pod.spec().volumes()) {
      if (volume.emptyDir() != null) {
        var source = volume.emptyDir();
        emptyDirs.add(new SandboxConfig.EmptyDir(volume.name(), "Memory".equals(source.medium()),
            source.sizeLimit() == null ? null : source.sizeLimit().value()));
      }
    }
    List<SandboxConfig.HostPort> hostPorts = new ArrayList<>();
    for (Container container : PodContainers.all(pod)) {
      for (ContainerPort port : container.ports()) {
        if (port.hostPort() != null && port.hostPort() > 0) {
          String hostIp = port.hostIP() == null || port.hostIP().isEmpty() ? nodeAddress : port.hostIP();
          hostPorts.add(new SandboxConfig.HostPort(hostIp, port.hostPort(), port.containerPort(),
              port.protocol() == null ? "TCP" : port.protocol()));
        }
      }
    }
    PodSecurityContext security = pod.spec().securityContext();
    Map<String, String> sysctls = new LinkedHashMap<>();
    if (security != null) {
      security.sysctls().forEach(sysctl -> sysctls.put(sysctl.name(), sysctl.value()));
    }
    return new SandboxConfig(ref, pod.metadata().annotationsOrEmpty(), emptyDirs, hostPorts,
        security == null ? null : security.fsGroup(), Boolean.TRUE.equals(pod.spec().shareProcessNamespace()),
        sysctls, io.coxswain.node.config.HostsFile.hostname(pod));
  }

  /** A container with literal env values only and no config volumes (tests and simulations). */
  static ContainerConfig of(PodRef pod, Pod spec, Container container, int attempt) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.env()) {
      if (var.value() != null) {
        env.put(var.name(), var.value());
      }
    }
    return of(pod, spec, container, attempt, env, new PodSteps.PodFiles(Map.of(), null, null), List.of(), null);
  }

  /**
   * @param env the resolved environment ({@link io.coxswain.node.config.EnvResolver}); command and
   *     args have their $(NAME) references expanded from it, as Kubernetes does
   * @param files the node directory of each configMap/secret/downwardAPI/projected volume, and the
   *     pod's resolv.conf and hosts file (mounted at /etc/resolv.conf and /etc/hosts) when written
   * @param pullAuth the credentials of the pod's imagePullSecrets
   * @param seccompRoot where Localhost seccomp profiles live on the node, or null when none may be used
   */
  static ContainerConfig of(PodRef pod, Pod spec, Container container, int attempt, Map<String, String> env,
      PodSteps.PodFiles files, List<RegistryAuth> pullAuth, Path seccompRoot) {
    Map<String, Quantity> limits = container.resources() == null ? Map.of() : container.resources().limits();
    Long memory = limits.containsKey("memory") ? limits.get("memory").value() : null;
    Long cpu = limits.containsKey("cpu") ? limits.get("cpu").milliValue() : null;
    return new ContainerConfig(pod, container.name(), attempt, container.image(), container.imagePullPolicy(),
        EnvResolver.expandAll(container.command(), env), EnvResolver.expandAll(container.args(), env), env,
        container.workingDir(), memory, cpu, mounts(spec, container, files),
        SecurityContexts.merge(spec, container, seccompRoot),
        Boolean.TRUE.equals(spec.spec().shareProcessNamespace()), pullAuth,
        spec.spec().initContainers().contains(container) && !InitOrder.sidecar(container));
  }

  /** Validation has checked that every mount names a volume of the pod. */
  private static List<MountConfig> mounts(Pod pod, Container container, PodSteps.PodFiles files) {
    Map<String, Path> volumeDirs = files.volumeDirs();
    Map<String, Volume> volumes = new LinkedHashMap<>();
    for (Volume volume : pod.spec().volumes()) {
      volumes.put(volume.name(), volume);
    }
    List<MountConfig> mounts = new ArrayList<>();
    for (VolumeMount mount : container.volumeMounts()) {
      Volume volume = volumes.get(mount.name());
      boolean readOnly = Boolean.TRUE.equals(mount.readOnly());
      if (volume == null) {
        continue;
      }
      if (volume.emptyDir() != null) {
        mounts.add(new MountConfig(volume.name(), null, mount.mountPath(), readOnly));
      } else if (volume.hostPath() != null) {
        mounts.add(new MountConfig(null, volume.hostPath().path(), mount.mountPath(), readOnly));
      } else if (volumeDirs.containsKey(volume.name())) {
        // Files the node made (configMap, secret, downwardAPI, projected) are always read-only.
        Path dir = volumeDirs.get(volume.name());
        Path source = mount.subPath() == null || mount.subPath().isEmpty() ? dir : dir.resolve(mount.subPath());
        mounts.add(new MountConfig(null, realPath(source).toString(), mount.mountPath(), true));
      }
    }
    if (files.resolvConf() != null) {
      mounts.add(new MountConfig(null, files.resolvConf().toString(), "/etc/resolv.conf", true));
    }
    if (files.hosts() != null && container.volumeMounts().stream().noneMatch(m -> "/etc/hosts".equals(m.mountPath()))) {
      // Writable, as the kubelet mounts it: programs may add lines to their own pod's file.
      mounts.add(new MountConfig(null, files.hosts().toString(), "/etc/hosts", false));
    }
    return mounts;
  }

  /** A subPath names a file through the volume's symlinks; the runtime binds the file itself. */
  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (java.io.IOException e) {
      return path;
    }
  }
}
