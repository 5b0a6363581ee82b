package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.PodStatus}; phase is Pending, Running, Succeeded, Failed or Unknown. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodStatus(
    String phase,
    List<PodCondition> conditions,
    String message,
    String reason,
    String hostIP,
    List<PodIP> hostIPs,
    String podIP,
    List<PodIP> podIPs,
    String startTime,
    List<ContainerStatus> initContainerStatuses,
    List<ContainerStatus> containerStatuses,
    String qosClass) {

  public PodStatus {
    conditions = Collections2.listOrEmpty(conditions);
    hostIPs = Collections2.listOrEmpty(hostIPs);
    podIPs = Collections2.listOrEmpty(podIPs);
    initContainerStatuses = Collections2.listOrEmpty(initContainerStatuses);
    containerStatuses = Collections2.listOrEmpty(containerStatuses);
  }

  public static PodStatus phase(String phase) {
    return new PodStatus(phase, null, null, null, null, null, null, null, null, null, null, null);
  }

  public PodStatus withPhase(String v) {
    return new PodStatus(v, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime,
        initContainerStatuses, containerStatuses, qosClass);
  }

  public PodStatus withConditions(List<PodCondition> v) {
    return new PodStatus(phase, v, message, reason, hostIP, hostIPs, podIP, podIPs, startTime,
        initContainerStatuses, containerStatuses, qosClass);
  }

  public PodStatus withContainerStatuses(List<ContainerStatus> v) {
    return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime,
        initContainerStatuses, v, qosClass);
  }

  public PodStatus withQosClass(String v) {
    return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime,
        initContainerStatuses, containerStatuses, v);
  }

  /** Sets hostIP/podIP and their one-element list forms together, as the kubelet reports them. */
  public PodStatus withIPs(String host, String pod) {
    return new PodStatus(phase, conditions, message, reason, host, host == null ? null : List.of(new PodIP(host)),
        pod, pod == null ? null : List.of(new PodIP(pod)), startTime, initContainerStatuses, containerStatuses,
        qosClass);
  }

  /** The condition of the given type, or null. */
  public PodCondition condition(String type) {
    for (PodCondition condition : conditions) {
      if (type.equals(condition.type())) {
        return condition;
      }
    }
    return null;
  }
}
