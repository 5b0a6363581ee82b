package io.coxswain.node.runtime;

import java.util.List;
import java.util.Map;

/**
 * One container to start: what to run and with which limits. {@code attempt} counts restarts of
 * the same spec container.
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
    List<MountConfig> mounts) {

  public ContainerConfig {
    command = List.copyOf(command);
    args = List.copyOf(args);
    env = Map.copyOf(env);
    mounts = List.copyOf(mounts);
  }
}
