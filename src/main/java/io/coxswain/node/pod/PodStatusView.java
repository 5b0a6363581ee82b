package io.coxswain.node.pod;

import io.coxswain.api.core.ContainerState;
import io.coxswain.api.core.ContainerStateTerminated;
import io.coxswain.api.core.ContainerStatus;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodCondition;
import io.coxswain.api.core.PodStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pod status a node agent reports, as the kubelet computes it: per-container state, last
 * state and restart count; the phase; and the five conditions (PodReadyToStartContainers,
 * Initialized, Ready, ContainersReady, PodScheduled, in the kubelet's order). A container is ready when it runs
 * and its readiness probe (if any) passes. Pure.
 */
public final class PodStatusView {
  private PodStatusView() {}

  static PodStatus of(Pod pod, PodRuntime runtime, String hostIp, String runtimeName, String now) {
    Map<String, ContainerRecord> records = runtime.containers();
    String podIp = runtime.podIp();
    String startTime = runtime.startTime();
    // Before a container has run, the kubelet says ContainerCreating, or PodInitializing when the pod has init containers.
    String creating = pod.spec().initContainers().isEmpty() ? "ContainerCreating" : "PodInitializing";
    List<ContainerStatus> inits = new ArrayList<>();
    List<String> unready = new ArrayList<>();
    for (var container : pod.spec().initContainers()) {
      ContainerRecord record = records.get(container.name());
      boolean sidecar = InitOrder.sidecar(container);
      boolean probeReady = runtime.ready(container.name(), container.readinessProbe() != null);
      ContainerStatus status = status(container.name(), container.image(), record, runtimeName, probeReady, creating,
          container.startupProbe() == null || runtime.startupPassed().contains(container.name()));
      if (!sidecar) {
        // A regular init container is ready once it has completed.
        boolean completed = record != null && record.finished() && record.observed() != null
            && Integer.valueOf(0).equals(record.observed().exitCode());
        status = status.toBuilder().ready(completed).build();
      } else if (!Boolean.TRUE.equals(status.ready())) {
        unready.add(container.name());
      }
      inits.add(status);
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    for (var container : pod.spec().containers()) {
      ContainerRecord record = records.get(container.name());
      boolean probeReady = runtime.ready(container.name(), container.readinessProbe() != null);
      ContainerStatus status = status(container.name(), container.image(), record, runtimeName, probeReady, creating,
          container.startupProbe() == null || runtime.startupPassed().contains(container.name()));
      if (!Boolean.TRUE.equals(status.ready())) {
        unready.add(container.name());
      }
      statuses.add(status);
    }
    InitOrder init = InitOrder.of(pod, records, runtime.startupPassed());
    String phase = init.failed() ? "Failed" : !init.initialized() ? "Pending"
        : phase(pod.spec().restartPolicy(), appRecords(pod, records));
    if (("Succeeded".equals(phase) || "Failed".equals(phase)) && PodContainers.sidecars(pod).stream()
        .map(c -> records.get(c.name())).anyMatch(r -> r != null && r.running())) {
      phase = "Running"; // as the kubelet's getPhase: a sidecar still running keeps the pod Running
    }
    boolean ready = init.initialized() && !statuses.isEmpty() && unready.isEmpty();
    // A pod that has completed is not ready because it is done (Kubernetes' PodCompleted).
    String notReady = "Succeeded".equals(phase) ? "PodCompleted" : "ContainersNotReady";
    String notReadyMessage = "Succeeded".equals(phase) ? null : "containers with unready status: " + names(unready);
    PodStatus previous = pod.statusOrEmpty();
    // PodReadyToStartContainers (on by default since Kubernetes 1.29): the sandbox and its network
    // exist, so containers can start; false before it is made and once a finished pod's is gone.
    boolean sandboxReady = runtime.sandboxId() != null && !"Succeeded".equals(phase) && !"Failed".equals(phase);
    List<PodCondition> conditions = List.of(
        condition(previous, "PodReadyToStartContainers", sandboxReady, now, null, null),
        condition(previous, "Initialized", init.initialized(), now, "ContainersNotInitialized",
            "containers with incomplete status: " + names(init.incomplete())),
        condition(previous, "Ready", ready, now, notReady, notReadyMessage),
        condition(previous, "ContainersReady", ready, now, notReady, notReadyMessage),
        condition(previous, "PodScheduled", true, now, null, null));
    // The node owns these fields; anything else a status writer set (nominatedNodeName, ...) is kept.
    return previous.toBuilder().phase(phase).conditions(conditions).message(null).reason(null).startTime(startTime)
        .initContainerStatuses(inits).containerStatuses(statuses).build().withIPs(hostIp, podIp);
  }

  /** Kubernetes' list form in condition messages: {@code [a b]}. */
  private static String names(List<String> names) {
    return "[" + String.join(" ", names) + "]";
  }

  private static Map<String, ContainerRecord> appRecords(Pod pod, Map<String, ContainerRecord> records) {
    Map<String, ContainerRecord> apps = new java.util.LinkedHashMap<>();
    for (var container : pod.spec().containers()) {
      ContainerRecord record = records.get(container.name());
      if (record != null) {
        apps.put(container.name(), record);
      }
    }
    return apps;
  }

  /** @param startupPassed the container has no startup probe, or it has passed in this attempt */
  private static ContainerStatus status(String name, String image, ContainerRecord r, String runtimeName,
      boolean probeReady, String creating, boolean startupPassed) {
    if (r == null) {
      return new ContainerStatus(name, ContainerState.waiting(creating, null), null, false, 0, image, "",
          null, false, null, null, null, null, null, null);
    }
    ContainerState lastState = r.lastTerminated() == null ? null
        : ContainerState.terminated(withId(r.lastTerminated(), runtimeName + "://" + r.lastTerminated().containerID()));
    String id = r.containerId() == null ? null : runtimeName + "://" + r.containerId();
    ContainerState state;
    boolean running = false;
    if (r.observed() != null && r.observed().running()) {
      state = ContainerState.running(PodSync.time(r.observed().startedAt()));
      running = true;
    } else if (r.observed() != null && r.observed().exited()) {
      state = ContainerState.terminated(withId(PodSync.terminated(r.observed()), id));
    } else if (r.finished() && r.lastTerminated() != null) {
      // Down for good between attempts (a sidecar of a pod that has ended): its last end is its state.
      state = lastState;
      lastState = null;
    } else {
      boolean notYet = r.waitingReason() == null
          || "ContainerCreating".equals(r.waitingReason()) && r.waitingMessage() == null;
      String reason = notYet ? creating : r.waitingReason();
      state = ContainerState.waiting(reason, r.waitingMessage());
    }
    // Kubernetes always sets imageID (empty until the runtime reports the image a container runs);
    // clients that check required fields (the Python client) refuse a status without it.
    String imageRef = r.observed() == null ? null : r.observed().imageRef();
    String imageId = imageRef == null || imageRef.isEmpty() ? "" : runtimeName + "://" + imageRef;
    // As the kubelet's prober: started once the startup probe has passed, and never ready before that.
    boolean started = running && startupPassed;
    return new ContainerStatus(name, state, lastState, started && probeReady, r.restartCount(), image, imageId, id,
        started, null, null, null, null, null, null);
  }

  private static ContainerStateTerminated withId(ContainerStateTerminated t, String id) {
    return new ContainerStateTerminated(t.exitCode(), t.signal(), t.reason(), t.message(), t.startedAt(),
        t.finishedAt(), id);
  }

  /**
   * Pending until every container has started once (a container the runtime has created but not
   * yet started is still waiting, as the kubelet counts it); Running while any runs or will
   * restart; Succeeded when all finished with 0; Failed when all finished and one failed.
   */
  static String phase(String restartPolicy, Map<String, ContainerRecord> records) {
    if (records.isEmpty() || records.values().stream().anyMatch(r -> !started(r) && r.lastTerminated() == null
        && !r.finished())) {
      return "Pending";
    }
    boolean allFinished = records.values().stream().allMatch(ContainerRecord::finished);
    if (!allFinished) {
      return "Running";
    }
    boolean anyFailed = records.values().stream().anyMatch(r -> r.observed() != null && r.observed().exitCode() != null
        && r.observed().exitCode() != 0);
    return anyFailed ? "Failed" : "Succeeded";
  }

  private static boolean started(ContainerRecord r) {
    return r.observed() != null && (r.observed().running() || r.observed().exited());
  }

  private static PodCondition condition(PodStatus previous, String type, boolean status, String now, String reason,
      String message) {
    PodCondition before = previous.condition(type);
    String value = status ? "True" : "False";
    String since = before != null && value.equals(before.status()) && before.lastTransitionTime() != null
        ? before.lastTransitionTime() : now;
    return new PodCondition(type, value, null, since, status ? null : reason, status ? null : message, null);
  }
}
