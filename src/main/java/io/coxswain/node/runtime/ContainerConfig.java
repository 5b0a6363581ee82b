package io.coxswain.node.runtime;

import java.util.List;
import java.util.Map;

/**
 * One container to start: what to run, with which limits, as which user with which privileges,
 * and the credentials to pull its image with. {@code attempt} counts restarts of the same spec
 * container; {@code shareProcessNamespace}: its processes see the other containers' (the pod's);
 * {@code runsToCompletion}: a regular init container, expected to exit (the simulated runtime,
 * which runs no commands, lets it exit 0 at once unless a pod annotation says otherwise).
 */
public record ContainerConfig(
    PodRef pod,
    String name,
    int attempt,
    String image,
    String imagePullPolicy,
    List<String> command,
    List<String> args,
    Map<String, String> env,
    String workingDir,
    Long memoryLimitBytes,
    Long cpuMillis,
    List<MountConfig> mounts,
    ContainerSecurity security,
    boolean shareProcessNamespace,
    List<RegistryAuth> pullAuth,
    boolean runsToCompletion) {

  public ContainerConfig {
    command = List.copyOf(command);
    args = List.copyOf(args);
    env = Map.copyOf(env);
    mounts = List.copyOf(mounts);
    security = security == null ? ContainerSecurity.DEFAULT : security;
    pullAuth = List.copyOf(pullAuth);
  }

  /** A container with the runtime's default security, its own process namespace and no pull credentials. */
  public ContainerConfig(PodRef pod, String name, int attempt, String image, String imagePullPolicy,
      List<String> command, List<String> args, Map<String, String> env, String workingDir, Long memoryLimitBytes,
      Long cpuMillis, List<MountConfig> mounts) {
    this(pod, name, attempt, image, imagePullPolicy, command, args, env, workingDir, memoryLimitBytes, cpuMillis,
        mounts, ContainerSecurity.DEFAULT, false, List.of(), false);
  }
}
