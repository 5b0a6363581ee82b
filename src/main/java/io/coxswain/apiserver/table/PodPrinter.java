package io.coxswain.apiserver.table;

import io.coxswain.api.core.ContainerState;
import io.coxswain.api.core.ContainerStateTerminated;
import io.coxswain.api.core.ContainerStatus;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodCondition;
import io.coxswain.api.core.PodStatus;
import java.time.Instant;
import java.util.List;

/**
 * Pod columns with Kubernetes' STATUS logic: the phase, overridden by the status reason, by the
 * first init container that has not finished ("Init:0/1", "Init:CrashLoopBackOff"), then by the
 * app containers' waiting/terminated reasons (CrashLoopBackOff, ErrImagePull, Completed), and by
 * "Terminating" once deletion has begun.
 */
final class PodPrinter implements RowPrinter<Pod> {
  private static final List<Column> COLUMNS = List.of(
      Column.name("Name must be unique within a namespace."),
      Column.string("Ready", "The aggregate readiness state of this pod for accepting traffic."),
      Column.string("Status", "The aggregate status of the containers in this pod."),
      Column.string("Restarts", "The number of times the containers in this pod have been restarted and when "
          + "the last container in this pod has restarted."),
      Column.age(),
      Column.string("IP", "IP address allocated to the pod.").wide(),
      Column.string("Node", "The node this pod is bound to.").wide(),
      Column.string("Nominated Node", "The node the scheduler nominated for this pod while preempting.").wide(),
      Column.string("Readiness Gates", "The readiness gates of the pod that are true, out of all.").wide());

  @Override
  public Class<Pod> type() {
    return Pod.class;
  }

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public Row row(Pod pod, Instant now) {
    PodStatus status = pod.statusOrEmpty();
    String phase = Cells.orEmpty(status.phase());
    String reason = notEmpty(status.reason()) ? status.reason() : phase;
    for (PodCondition c : status.conditions()) {
      if ("PodScheduled".equals(c.type()) && "SchedulingGated".equals(c.reason())) {
        reason = "SchedulingGated";
      }
    }
    java.util.Set<String> sidecars = new java.util.HashSet<>();
    for (var init : pod.spec().initContainers()) {
      if ("Always".equals(init.restartPolicy())) {
        sidecars.add(init.name());
      }
    }
    // Sidecars (init containers that restart always) count as containers of the pod.
    int total = pod.spec().containers().size() + sidecars.size();
    int ready = 0;
    int restarts = 0;
    int sidecarRestarts = 0;
    Instant lastRestart = null;
    Instant lastSidecarRestart = null;

    // Init containers: the first one not finished (or, for a sidecar, not started) decides the status.
    boolean initializing = false;
    List<ContainerStatus> inits = status.initContainerStatuses();
    for (int i = 0; i < inits.size(); i++) {
      ContainerStatus c = inits.get(i);
      restarts += Cells.orZero(c.restartCount());
      lastRestart = later(lastRestart, lastTermination(c));
      boolean sidecar = sidecars.contains(c.name());
      if (sidecar) {
        sidecarRestarts += Cells.orZero(c.restartCount());
        lastSidecarRestart = later(lastSidecarRestart, lastTermination(c));
      }
      ContainerState state = c.state();
      ContainerStateTerminated terminated = state == null ? null : state.terminated();
      if (terminated != null && Cells.orZero(terminated.exitCode()) == 0) {
        continue;
      }
      if (sidecar && Boolean.TRUE.equals(c.started())) {
        if (Boolean.TRUE.equals(c.ready())) {
          ready++;
        }
        continue;
      }
      if (terminated != null) {
        reason = notEmpty(terminated.reason()) ? "Init:" + terminated.reason() : Cells.orZero(terminated.signal()) != 0
            ? "Init:Signal:" + terminated.signal() : "Init:ExitCode:" + Cells.orZero(terminated.exitCode());
      } else if (state != null && state.waiting() != null && notEmpty(state.waiting().reason())
          && !"PodInitializing".equals(state.waiting().reason())) {
        reason = "Init:" + state.waiting().reason();
      } else {
        reason = "Init:" + i + "/" + pod.spec().initContainers().size();
      }
      initializing = true;
      break;
    }

    if (!initializing || conditionTrue(status, "Initialized")) {
      restarts = sidecarRestarts;
      lastRestart = lastSidecarRestart;
      boolean hasRunning = false;
      List<ContainerStatus> statuses = status.containerStatuses();
      // Walked last to first so the first container's reason wins, as in Kubernetes.
      for (int i = statuses.size() - 1; i >= 0; i--) {
        ContainerStatus c = statuses.get(i);
        restarts += Cells.orZero(c.restartCount());
        lastRestart = later(lastRestart, lastTermination(c));
        ContainerState state = c.state();
        ContainerStateTerminated terminated = state == null ? null : state.terminated();
        if (state != null && state.waiting() != null && notEmpty(state.waiting().reason())) {
          reason = state.waiting().reason();
        } else if (terminated != null && notEmpty(terminated.reason())) {
          reason = terminated.reason();
        } else if (terminated != null) {
          reason = Cells.orZero(terminated.signal()) != 0
              ? "Signal:" + terminated.signal() : "ExitCode:" + Cells.orZero(terminated.exitCode());
        } else if (Boolean.TRUE.equals(c.ready()) && state != null && state.running() != null) {
          hasRunning = true;
          ready++;
        }
      }
      // A pod with one container completed and another still running is not "Completed".
      if ("Completed".equals(reason) && hasRunning) {
        reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
      }
    }

    boolean terminal = "Succeeded".equals(phase) || "Failed".equals(phase);
    if (pod.metadata().deletionTimestamp() != null && "NodeLost".equals(status.reason())) {
      reason = "Unknown";
    } else if (pod.metadata().deletionTimestamp() != null && !terminal) {
      reason = "Terminating";
    }

    String restartCell = restarts != 0 && lastRestart != null
        ? restarts + " (" + HumanDuration.format(java.time.Duration.between(lastRestart, now)) + " ago)"
        : String.valueOf(restarts);
    String podIP = !status.podIPs().isEmpty() ? status.podIPs().get(0).ip() : status.podIP();
    List<Object> cells = java.util.Arrays.asList(
        pod.metadata().name(), ready + "/" + total, reason, restartCell,
        Cells.since(pod.metadata().creationTimestamp(), now),
        Cells.orNone(podIP), Cells.orNone(pod.spec().nodeName()), Cells.NONE, Cells.NONE);
    Row.RowCondition completed = switch (phase) {
      case "Succeeded" -> new Row.RowCondition("Succeeded", "The pod has completed successfully.");
      case "Failed" -> new Row.RowCondition("Failed", "The pod failed.");
      default -> null;
    };
    return new Row(cells, completed);
  }

  private static Instant lastTermination(ContainerStatus c) {
    ContainerState last = c.lastState();
    return last == null || last.terminated() == null ? null : Cells.parse(last.terminated().finishedAt());
  }

  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  private static boolean conditionTrue(PodStatus status, String type) {
    PodCondition c = status.condition(type);
    return c != null && "True".equals(c.status());
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
