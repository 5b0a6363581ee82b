package io.coxswain.api.coordination;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Kubernetes {@code coordination.k8s.io/v1.LeaseSpec}. Times are RFC 3339 with microseconds
 * (MicroTime); a node's agent renews {@code renewTime} of its lease in kube-node-lease.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeaseSpec(
    String acquireTime,
    String holderIdentity,
    Integer leaseDurationSeconds,
    Integer leaseTransitions,
    String preferredHolder,
    String renewTime,
    String strategy) {}
