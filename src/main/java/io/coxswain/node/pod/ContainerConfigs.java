package io.coxswain.node.pod;

import io.coxswain.api.Quantity;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.EnvVar;
import io.coxswain.api.core.Pod;
import io.coxswain.node.runtime.ContainerConfig;
import io.coxswain.node.runtime.PodRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A spec container as the runtime needs it: command, env, limits. Pure. */
final class ContainerConfigs {
  private ContainerConfigs() {}

  static ContainerConfig of(PodRef pod, Pod spec, Container container, int attempt) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.env()) {
      if (var.value() != null) {
        env.put(var.name(), var.value());
      }
    }
    Map<String, String> limits = container.resources() == null ? Map.of() : container.resources().limits();
    Long memory = limits.containsKey("memory") ? Quantity.parse(limits.get("memory")).value() : null;
    Long cpu = limits.containsKey("cpu") ? Quantity.parse(limits.get("cpu")).milliValue() : null;
    return new ContainerConfig(pod, container.name(), attempt, container.image(), container.imagePullPolicy(),
        container.command(), container.args(), env, container.workingDir(), memory, cpu, Map.of());
  }

}
