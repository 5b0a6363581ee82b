package io.coxswain.scheduler;

import io.coxswain.api.core.Pod;
import io.coxswain.store.Indexes;
import java.util.Set;

/**
 * What scheduling one pod needs to know about it, worked out once per scheduling attempt (as
 * Kubernetes' PreFilter does) instead of once per node the filters and scorers look at: its summed
 * requests, the host ports it wants, its controller (for spreading), and its pod (anti-)affinity
 * worked out against every node (set by the pipeline at the start of each attempt).
 */
record PodDemand(Pod pod, Requests requests, Set<String> hostPorts, String controllerUid,
                 InterPodAffinity.Prepared affinity) {
  PodDemand(Pod pod, Requests requests, Set<String> hostPorts, String controllerUid) {
    this(pod, requests, hostPorts, controllerUid, InterPodAffinity.Prepared.NONE);
  }

  static PodDemand of(Pod pod) {
    return new PodDemand(pod, Requests.of(pod), NodeInfo.hostPortsOf(pod), Indexes.controllerUid(pod));
  }

  PodDemand withAffinity(InterPodAffinity.Prepared prepared) {
    return new PodDemand(pod, requests, hostPorts, controllerUid, prepared);
  }
}
