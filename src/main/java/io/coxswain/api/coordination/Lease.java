package io.coxswain.api.coordination;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;

/**
 * Kubernetes {@code coordination.k8s.io/v1.Lease}: who holds something and until when. Each node's
 * agent holds the lease named after its node in {@code kube-node-lease} and renews it as its
 * heartbeat, which the node lifecycle controller reads.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lease(String apiVersion, String kind, ObjectMeta metadata, LeaseSpec spec) implements KubeObject {
  public static final String API_VERSION = "coordination.k8s.io/v1";
  /** The namespace of node heartbeats. */
  public static final String NODE_LEASE_NAMESPACE = "kube-node-lease";

  public Lease {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? "Lease" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
  }

  public static Lease of(ObjectMeta metadata, LeaseSpec spec) {
    return new Lease(API_VERSION, "Lease", metadata, spec);
  }

  @Override
  public Lease withMetadata(ObjectMeta v) {
    return new Lease(apiVersion, kind, v, spec);
  }

  public Lease withSpec(LeaseSpec v) {
    return new Lease(apiVersion, kind, metadata, v);
  }
}
