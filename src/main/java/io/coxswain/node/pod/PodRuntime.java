package io.coxswain.node.pod;

import java.util.Map;

/**
 * A pod worker's view of its pod in the runtime: the sandbox, the pod's IP, each container, and
 * the startup, readiness and liveness probe state of each container's current attempt.
 */
record PodRuntime(String sandboxId, String podIp, String startTime, Map<String, ContainerRecord> containers,
                  Map<String, ProbeState> startup, Map<String, ProbeState> readiness,
                  Map<String, ProbeState> liveness, java.util.List<PodEvents.Note> notes) {
  PodRuntime {
    containers = Map.copyOf(containers);
    startup = Map.copyOf(startup);
    readiness = Map.copyOf(readiness);
    liveness = Map.copyOf(liveness);
    notes = java.util.List.copyOf(notes);
  }

  static PodRuntime empty() {
    return new PodRuntime(null, null, null, Map.of(), Map.of(), Map.of(), Map.of(), java.util.List.of());
  }

  PodRuntime withContainers(String sandbox, String ip, String start, Map<String, ContainerRecord> records) {
    return new PodRuntime(sandbox, ip, start, records, startup, readiness, liveness, notes);
  }

  PodRuntime withProbes(Map<String, ProbeState> started, Map<String, ProbeState> ready, Map<String, ProbeState> live) {
    return new PodRuntime(sandboxId, podIp, startTime, containers, started, ready, live, notes);
  }

  /**
   * What one step has to say beyond what a diff of two views shows (a lifecycle hook that failed):
   * the worker reports these as Events and keeps the view without them.
   */
  PodRuntime withNotes(java.util.List<PodEvents.Note> said) {
    return new PodRuntime(sandboxId, podIp, startTime, containers, startup, readiness, liveness, said);
  }

  /** The containers whose startup probe has passed in their current attempt. */
  java.util.Set<String> startupPassed() {
    java.util.Set<String> passed = new java.util.HashSet<>();
    startup.forEach((name, probe) -> {
      if (probe.passing()) {
        passed.add(name);
      }
    });
    return passed;
  }

  /**
   * Nothing pending: every container runs or has finished for good, and none has probes to run.
   * Such a pod needs no look until something changes (its spec, or its containers in the runtime).
   */
  static boolean settled(io.coxswain.api.core.Pod pod, PodRuntime state) {
    if (state.sandboxId() == null) {
      return false;
    }
    InitOrder init = InitOrder.of(pod, state.containers(), state.startupPassed());
    if (init.failed()) {
      return state.containers().values().stream().noneMatch(ContainerRecord::running);
    }
    if (!init.initialized()) {
      return false;
    }
    for (io.coxswain.api.core.Container container : PodContainers.running(pod)) {
      ContainerRecord record = state.containers().get(container.name());
      if (record == null || !(record.running() || record.finished())) {
        return false;
      }
      if (container.livenessProbe() != null || container.readinessProbe() != null
          || container.startupProbe() != null) {
        return false;
      }
    }
    return true;
  }

  /** Whether the container's readiness probe passes (true when it has none). */
  boolean ready(String container, boolean hasReadinessProbe) {
    return !hasReadinessProbe || readiness.getOrDefault(container, ProbeState.INITIAL).passing();
  }
}
