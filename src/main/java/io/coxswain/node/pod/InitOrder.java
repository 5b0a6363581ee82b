package io.coxswain.node.pod;

import io.coxswain.api.core.Container;
import io.coxswain.api.core.Pod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kubelet's order for a pod's containers, pure. Init containers run one at a time in spec
 * order: a regular one must exit 0 before the next starts; a sidecar (an init container with
 * {@code restartPolicy: Always}) must have started, and passed its startup probe if it has one,
 * before the next starts, and then keeps running beside the app containers. The app containers
 * start once every init container is done. A regular init container that fails under
 * {@code restartPolicy: Never} fails the pod.
 *
 * @param initialized every init container has completed (regular) or started (sidecar)
 * @param failed a regular init container failed and will not run again: the pod is Failed
 * @param incomplete the init containers not yet completed or started, in spec order (the
 *     Initialized condition's message names them)
 * @param mayStart the init containers that may be started now when due (each sidecar up to the
 *     first init container not yet complete, and that one)
 */
record InitOrder(boolean initialized, boolean failed, List<String> incomplete, Set<String> mayStart) {
  InitOrder {
    incomplete = List.copyOf(incomplete);
    mayStart = Set.copyOf(mayStart);
  }

  /** Whether a container is a sidecar: an init container that restarts always. */
  static boolean sidecar(Container container) {
    return "Always".equals(container.restartPolicy());
  }

  /**
   * The restart policy one container follows: a sidecar restarts always (until the pod's app
   * containers have all ended for good, then never); a regular init container never under a pod's
   * {@code Never}, else on failure; an app container follows the pod's.
   */
  static String restartPolicy(Pod pod, String container, boolean appsEnded) {
    String podPolicy = pod.spec().restartPolicy() == null ? "Always" : pod.spec().restartPolicy();
    for (Container init : pod.spec().initContainers()) {
      if (init.name().equals(container)) {
        if (sidecar(init)) {
          return appsEnded ? "Never" : "Always";
        }
        return "Never".equals(podPolicy) ? "Never" : "OnFailure";
      }
    }
    return podPolicy;
  }

  /** Whether every app container has ended and will not start again. */
  static boolean appsEnded(Pod pod, Map<String, ContainerRecord> records) {
    for (Container container : pod.spec().containers()) {
      ContainerRecord record = records.get(container.name());
      if (record == null || !record.finished()) {
        return false;
      }
    }
    return true;
  }

  /** @param startupPassed the containers whose startup probe has passed in their current attempt */
  static InitOrder of(Pod pod, Map<String, ContainerRecord> records, Set<String> startupPassed) {
    if (previouslyInitialized(pod, records)) {
      // The app containers have run: initialization is over for good, only sidecars restart (the
      // kubelet's isPreviouslyInitialized); nothing that was complete runs again.
      Set<String> sidecars = new LinkedHashSet<>();
      pod.spec().initContainers().stream().filter(InitOrder::sidecar).forEach(c -> sidecars.add(c.name()));
      return new InitOrder(true, false, List.of(), sidecars);
    }
    List<String> incomplete = new ArrayList<>();
    Set<String> mayStart = new LinkedHashSet<>();
    boolean blocked = false;
    boolean failed = false;
    for (Container init : pod.spec().initContainers()) {
      String name = init.name();
      ContainerRecord record = records.get(name);
      if (sidecar(init)) {
        if (!blocked) {
          mayStart.add(name);
        }
        if (!sidecarStarted(init, record, startupPassed)) {
          incomplete.add(name);
          blocked = true;
        }
        continue;
      }
      if (record != null && record.finished()) {
        Integer exit = record.observed() == null ? null : record.observed().exitCode();
        if (exit == null || exit == 0) {
          continue;
        }
        failed = true;
      } else if (!blocked) {
        mayStart.add(name);
      }
      incomplete.add(name);
      blocked = true;
    }
    return new InitOrder(incomplete.isEmpty(), failed, incomplete, mayStart);
  }

  /** Whether an app container has ever been started: then the pod has been initialized. */
  private static boolean previouslyInitialized(Pod pod, Map<String, ContainerRecord> records) {
    for (Container container : pod.spec().containers()) {
      ContainerRecord record = records.get(container.name());
      if (record != null && (record.containerId() != null || record.restartCount() > 0
          || record.lastTerminated() != null || record.finished())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A sidecar counts as started while it runs and its startup probe (if any) has passed: one that
   * crashed holds back everything after it until it runs again, as in Kubernetes.
   */
  private static boolean sidecarStarted(Container init, ContainerRecord record, Set<String> startupPassed) {
    return record != null && record.running() && (init.startupProbe() == null || startupPassed.contains(init.name()));
  }
}
