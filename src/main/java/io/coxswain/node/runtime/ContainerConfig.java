package io.coxswain.node.runtime;

import java.util.List;
import java.util.Map;

/**
 * One container to start: what to run and with which limits. {@code attempt} counts restarts of
 * the same spec container. Volume mounts map a pod volume's host path to a path in the container.
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
    Map<String, String> mounts) {

  public ContainerConfig {
    command = List.copyOf(command);
    args = List.copyOf(args);
    env = Map.copyOf(env);
    mounts = Map.copyOf(mounts);
  }
}
