package io.coxswain.scheduler;

import io.coxswain.api.core.Pod;
import io.coxswain.store.Indexes;
import java.util.Set;

/**
 * What scheduling one pod needs to know about it, worked out once per scheduling attempt (as
 * Kubernetes' PreFilter does) instead of once per node the filters and scorers look at: its summed
 * requests, the host ports it wants, and its controller (for spreading).
 */
record PodDemand(Pod pod, Requests requests, Set<String> hostPorts, String controllerUid) {
  static PodDemand of(Pod pod) {
    return new PodDemand(pod, Requests.of(pod), NodeInfo.hostPortsOf(pod), Indexes.controllerUid(pod));
  }
}
