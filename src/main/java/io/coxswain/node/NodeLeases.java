package io.coxswain.node;

import io.coxswain.api.ObjectMeta;
import io.coxswain.api.OwnerReference;
import io.coxswain.api.coordination.Lease;
import io.coxswain.api.coordination.LeaseSpec;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.NodeCondition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

/**
 * A node's heartbeat as Kubernetes' kubelet gives it: the Lease named after the node in
 * {@code kube-node-lease}, held by the node, renewed every heartbeat, owned by the Node (so it goes
 * with it); the Node's status itself is written only when what it reports changes, or once every
 * status report period.
 */
public final class NodeLeases {
  /** Kubernetes' default node lease duration. */
  public static final int DURATION_SECONDS = 40;
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private NodeLeases() {}

  /** The lease of a node, renewed now; {@code current} is the stored one or null. */
  public static Lease renewed(Lease current, Node node, Clock clock) {
    String now = MICRO_TIME.format(clock.instant());
    LeaseSpec spec = new LeaseSpec(current == null || current.spec() == null ? null : current.spec().acquireTime(),
        node.metadata().name(), DURATION_SECONDS, current == null || current.spec() == null ? null
            : current.spec().leaseTransitions(), null, now, null);
    if (current != null) {
      return current.withSpec(spec);
    }
    OwnerReference owner = new OwnerReference("v1", "Node", node.metadata().name(), node.metadata().uid(), null, null);
    ObjectMeta meta = ObjectMeta.named(Lease.NODE_LEASE_NAMESPACE, node.metadata().name())
        .withOwnerReferences(List.of(owner));
    return Lease.of(meta, spec);
  }

  /** When the lease was last renewed, or null. */
  public static Instant renewTime(Lease lease) {
    if (lease == null || lease.spec() == null || lease.spec().renewTime() == null) {
      return null;
    }
    return Instant.parse(lease.spec().renewTime());
  }

  /**
   * Whether the agent's fresh status says something the stored one does not: any difference but
   * the Ready condition's heartbeat time.
   */
  public static boolean reportChanged(Node stored, Node fresh) {
    return !Objects.equals(withoutHeartbeat(stored), withoutHeartbeat(fresh));
  }

  private static Object withoutHeartbeat(Node node) {
    if (node.status() == null) {
      return null;
    }
    return node.status().withConditions(node.status().conditions().stream()
        .map(c -> new NodeCondition(c.type(), c.status(), null, c.lastTransitionTime(), c.reason(), c.message()))
        .toList());
  }
}
