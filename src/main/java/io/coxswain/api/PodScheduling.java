package io.coxswain.api;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodCondition;
import io.coxswain.api.core.PodStatus;
import java.util.ArrayList;
import java.util.List;

/** The two outcomes of scheduling a pod, as changes to the pod object (shared by the binding subresource and the scheduler). */
public final class PodScheduling {
  public static final String SCHEDULED = "PodScheduled";
  /** Kubernetes' PodReasonSchedulingGated: the pod still has scheduling gates. */
  public static final String SCHEDULING_GATED = "SchedulingGated";
  static final String SCHEDULING_GATED_MESSAGE = "Scheduling is blocked due to non-empty scheduling gates";

  private PodScheduling() {}

  /** Bound to {@code node}: spec.nodeName set, PodScheduled True. */
  public static Pod bound(Pod pod, String node, String now) {
    return pod.withSpec(pod.spec().withNodeName(node))
        .withStatus(withScheduled(pod.statusOrEmpty(), new PodCondition(SCHEDULED, "True", null, now, null, null, null)));
  }

  /** Not placeable now: PodScheduled False with reason Unschedulable and the scheduler's message. */
  public static Pod unschedulable(Pod pod, String message, String now) {
    PodCondition before = pod.statusOrEmpty().condition(SCHEDULED);
    String since = before != null && "False".equals(before.status()) ? before.lastTransitionTime() : now;
    return pod.withStatus(withScheduled(pod.statusOrEmpty(),
        new PodCondition(SCHEDULED, "False", null, since, "Unschedulable", message, null)));
  }

  /**
   * The status a new pod starts with when it has scheduling gates: PodScheduled False, reason
   * SchedulingGated, since {@code now} (RFC 3339). Kubernetes' API server adds this on create
   * (applySchedulingGatedCondition), not the scheduler, which never looks at a gated pod; a pod
   * with no gates gets {@code status} back unchanged. The condition stays until the scheduler
   * binds the pod or finds it Unschedulable after its last gate is removed.
   */
  public static PodStatus gatedOnCreate(Pod pod, PodStatus status, String now) {
    if (pod.spec().schedulingGates().isEmpty() || status.condition(SCHEDULED) != null) {
      return status;
    }
    return withScheduled(status, new PodCondition(SCHEDULED, "False", null, now, SCHEDULING_GATED,
        SCHEDULING_GATED_MESSAGE, null));
  }

  private static PodStatus withScheduled(PodStatus status, PodCondition condition) {
    List<PodCondition> conditions = new ArrayList<>();
    status.conditions().stream().filter(c -> !SCHEDULED.equals(c.type())).forEach(conditions::add);
    conditions.add(condition);
    return status.withConditions(conditions);
  }
}
