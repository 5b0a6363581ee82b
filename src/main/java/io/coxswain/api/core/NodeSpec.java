package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.NodeSpec}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeSpec(
    String podCIDR, List<String> podCIDRs, String providerID, Boolean unschedulable, List<Taint> taints,
    NodeConfigSource configSource,
    String externalID,
    NodePodPreemptionPolicy podPreemptionPolicy) {

  public static final NodeSpec EMPTY = new NodeSpec(null, null, null, null, null, null, null, null);

  public NodeSpec {
    podCIDRs = Collections2.listOrEmpty(podCIDRs);
    taints = Collections2.listOrEmpty(taints);
  }

  public boolean unschedulableOrFalse() {
    return Boolean.TRUE.equals(unschedulable);
  }

  /** The node's pod range, as node IPAM sets it: {@code podCIDR} and the one-element {@code podCIDRs}. */
  public NodeSpec withPodCIDR(String v) {
    return new NodeSpec(v, v == null ? null : List.of(v), providerID, unschedulable, taints, configSource, externalID,
        podPreemptionPolicy);
  }

  public NodeSpec withUnschedulable(Boolean v) {
    return new NodeSpec(podCIDR, podCIDRs, providerID, v, taints, configSource, externalID, podPreemptionPolicy);
  }

  public NodeSpec withTaints(List<Taint> v) {
    return new NodeSpec(podCIDR, podCIDRs, providerID, unschedulable, v, configSource, externalID,
        podPreemptionPolicy);
  }
}
