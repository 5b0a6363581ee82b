package io.coxswain.node.runtime;

import java.util.Map;

/** A pod's sandbox: its identity and the annotations that tune runtimes (the simulated one reads them). */
public record SandboxConfig(PodRef pod, Map<String, String> annotations) {
  public SandboxConfig {
    annotations = Map.copyOf(annotations);
  }
}
