package io.coxswain.scheduler;

import io.coxswain.api.core.Pod;

/**
 * Kubernetes' SchedulingGates plugin (PreEnqueue): a pod with any {@code spec.schedulingGates}
 * never enters the scheduling queue, so it is neither placed, nor marked Unschedulable, nor the
 * subject of a FailedScheduling event. Its PodScheduled=False/SchedulingGated condition is written
 * by the API server when the pod is created, not here. Removing the last gate is a pod update,
 * which queues the pass like any pod that waits. Pure.
 */
final class SchedulingGates {
  private SchedulingGates() {}

  /** Whether the pod may be considered for scheduling: it has no gate left. */
  static boolean ready(Pod pod) {
    return pod.spec().schedulingGates().isEmpty();
  }
}
