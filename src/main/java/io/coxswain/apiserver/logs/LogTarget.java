package io.coxswain.apiserver.logs;

import io.coxswain.api.ApiException;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.ContainerStatus;
import io.coxswain.api.core.Pod;
import java.util.List;

/**
 * Which container a log request reads (an app, init or sidecar container), and on which node; then, on that node, which runtime
 * container: the current one, or with {@code previous} the one that ended before it. Errors in
 * Kubernetes' words. Pure.
 */
public record LogTarget(String node, String container) {

  public static LogTarget resolve(Pod pod, LogQuery query) {
    String podName = pod.metadata().name();
    List<String> names = pod.spec().containers().stream().map(Container::name).toList();
    List<String> initNames = pod.spec().initContainers().stream().map(Container::name).toList();
    String container = query.container();
    if (container.isEmpty()) {
      if (names.size() != 1) {
        throw ApiException.badRequest("a container name must be specified for pod " + podName + ", choose one of: ["
            + String.join(" ", names) + "]"
            + (initNames.isEmpty() ? "" : " or one of the init containers: [" + String.join(" ", initNames) + "]"));
      }
      container = names.get(0);
    } else if (!names.contains(container) && !initNames.contains(container)) {
      throw ApiException.badRequest("container " + container + " is not valid for pod " + podName);
    }
    String node = pod.spec().nodeName();
    if (node == null || node.isEmpty()) {
      throw ApiException.badRequest("pod " + podName + " does not have a host assigned");
    }
    return new LogTarget(node, container);
  }

  /** The runtime container to read, from the pod's status as the node that runs it reports it. */
  public String containerId(Pod pod, boolean previous) {
    String podName = pod.metadata().name();
    ContainerStatus status = null;
    List<ContainerStatus> statuses = new java.util.ArrayList<>(pod.statusOrEmpty().initContainerStatuses());
    statuses.addAll(pod.statusOrEmpty().containerStatuses());
    for (ContainerStatus candidate : statuses) {
      if (candidate.name().equals(container)) {
        status = candidate;
      }
    }
    if (previous) {
      String id = status == null || status.lastState() == null || status.lastState().terminated() == null ? null
          : status.lastState().terminated().containerID();
      if (id == null || id.isEmpty()) {
        throw ApiException.badRequest("previous terminated container \"" + container + "\" in pod \"" + podName
            + "\" not found");
      }
      return bare(id);
    }
    String lastEnded = status == null || status.lastState() == null || status.lastState().terminated() == null ? null
        : status.lastState().terminated().containerID();
    boolean current = status != null && status.containerID() != null && !status.containerID().isEmpty();
    if (!current && lastEnded != null && !lastEnded.isEmpty()) {
      // Waiting to restart (CrashLoopBackOff): the most recent container's output is what there is.
      return bare(lastEnded);
    }
    if (!current) {
      String reason = status != null && status.state() != null && status.state().waiting() != null
          ? status.state().waiting().reason() : "ContainerCreating";
      throw ApiException.badRequest("container \"" + container + "\" in pod \"" + podName
          + "\" is waiting to start: " + reason);
    }
    return bare(status.containerID());
  }

  /** {@code docker://abc} is {@code abc} to the runtime. */
  private static String bare(String containerId) {
    int scheme = containerId.indexOf("://");
    return scheme < 0 ? containerId : containerId.substring(scheme + 3);
  }
}
