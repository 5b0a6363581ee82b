package io.coxswain.controller;

import io.coxswain.node.NodeStatusBuilder;
import java.util.Set;
import io.coxswain.api.Defaulting;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.NodeCondition;
import io.coxswain.api.core.NodeSpec;
import io.coxswain.api.core.NodeStatus;
import io.coxswain.api.core.Taint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The node lifecycle rules, pure: a node whose agent stopped posting heartbeats for longer than
 * the grace period is Unknown and tainted unreachable (no new pods); once it has been so for the
 * eviction timeout, its pods are evicted so their controllers replace them elsewhere. A heartbeat
 * from the node's agent makes it Ready again (the agent writes Ready=True itself).
 */
final class NodeHealth {
  static final String UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";
  /** The Ready condition's reason when the node's member left the cluster. */
  static final String MEMBER_GONE = "NodeMemberLeft";

  private NodeHealth() {}

  /** The node marked Unknown and tainted, or null when it is healthy or already marked. */
  static Node markedUnreachable(Node node, Duration grace, Clock clock) {
    return markedUnreachable(node, null, grace, clock);
  }

  /**
   * As {@link #markedUnreachable(Node, Duration, Clock)}, hearing the agent through either its
   * status heartbeat or its lease ({@code leaseRenewed}, null when it has none), whichever is later,
   * as Kubernetes' node lifecycle controller does.
   */
  static Node markedUnreachable(Node node, Instant leaseRenewed, Duration grace, Clock clock) {
    NodeCondition ready = node.status() == null ? null : node.status().condition("Ready");
    if (ready == null || "Unknown".equals(ready.status()) || ready.lastHeartbeatTime() == null) {
      return null;
    }
    Instant heartbeat = lastHeard(ready, leaseRenewed);
    if (!clock.instant().isAfter(heartbeat.plus(grace))) {
      return null;
    }
    return markedUnknown(node, ready.lastHeartbeatTime(), "NodeStatusUnknown", "Kubelet stopped posting node status.",
        clock);
  }

  /**
   * Whether the node's agent ran on a cluster member that is no longer in the cluster (it died and
   * was downed, or left). Such a member never comes back as itself: a restart is a new member
   * that registers afresh. Nodes without a member (simulations) are judged by heartbeats alone.
   */
  static boolean memberGone(Node node, Set<String> liveMembers) {
    String member = node.metadata().annotationsOrEmpty().get(NodeStatusBuilder.MEMBER_ANNOTATION);
    return member != null && !liveMembers.isEmpty() && !liveMembers.contains(member);
  }

  /**
   * Whether fewer than half of the nodes that run on members have their member in the cluster:
   * then the cluster is restarting (or cut in pieces) and evicting would move every workload for
   * nothing — as Kubernetes stops evicting when a whole zone is down.
   */
  static boolean clusterDisrupted(List<Node> nodes, Set<String> liveMembers) {
    int withMember = 0;
    int gone = 0;
    for (Node node : nodes) {
      if (node.metadata().annotationsOrEmpty().containsKey(NodeStatusBuilder.MEMBER_ANNOTATION)) {
        withMember++;
        gone += memberGone(node, liveMembers) ? 1 : 0;
      }
    }
    return withMember > 0 && (withMember - gone) * 2 < withMember;
  }

  /** The node marked NotReady (Unknown) because its member is gone, or null when already so marked. */
  static Node markedMemberGone(Node node, Clock clock) {
    NodeCondition ready = node.status() == null ? null : node.status().condition("Ready");
    if (ready != null && MEMBER_GONE.equals(ready.reason())) {
      return null;
    }
    return markedUnknown(node, ready == null ? null : ready.lastHeartbeatTime(), MEMBER_GONE,
        "The cluster member running this node's agent left the cluster.", clock);
  }

  /** The node with Ready=Unknown (this reason, since now) and the unreachable NoSchedule taint. */
  private static Node markedUnknown(Node node, String lastHeartbeat, String reason, String message, Clock clock) {
    String now = Defaulting.now(clock);
    List<NodeCondition> conditions = new ArrayList<>();
    node.status().conditions().stream().filter(c -> !"Ready".equals(c.type())).forEach(conditions::add);
    conditions.add(new NodeCondition("Ready", "Unknown", lastHeartbeat, now, reason, message));
    NodeStatus status = node.status().withConditions(conditions);
    return node.withSpec(withTaint(node.spec(), new Taint(UNREACHABLE_TAINT, null, "NoSchedule", now))).withStatus(status);
  }

  /** Whether the node has been not Ready for at least the eviction timeout. */
  static boolean shouldEvict(Node node, Duration evictionTimeout, Clock clock) {
    NodeCondition ready = node.status() == null ? null : node.status().condition("Ready");
    if (ready == null || "True".equals(ready.status()) || ready.lastTransitionTime() == null) {
      return false;
    }
    return !clock.instant().isBefore(Instant.parse(ready.lastTransitionTime()).plus(evictionTimeout));
  }

  /**
   * How long until time alone changes what {@link #markedUnreachable} or {@link #shouldEvict}
   * says of the node (its heartbeat going stale, its eviction timeout passing), or null when
   * only a change to the node can.
   */
  static Duration untilNextDeadline(Node node, Duration grace, Duration evictionTimeout, Clock clock) {
    return untilNextDeadline(node, null, grace, evictionTimeout, clock);
  }

  static Duration untilNextDeadline(Node node, Instant leaseRenewed, Duration grace, Duration evictionTimeout,
      Clock clock) {
    NodeCondition ready = node.status() == null ? null : node.status().condition("Ready");
    if (ready == null) {
      return null;
    }
    Instant due;
    if ("True".equals(ready.status()) && ready.lastHeartbeatTime() != null) {
      due = lastHeard(ready, leaseRenewed).plus(grace);
    } else if (!"True".equals(ready.status()) && ready.lastTransitionTime() != null) {
      due = Instant.parse(ready.lastTransitionTime()).plus(evictionTimeout);
    } else {
      return null;
    }
    Duration left = Duration.between(clock.instant(), due);
    // Just past the deadline, since the rules compare with "after"; never a busy loop.
    return left.isNegative() ? null : left.plusMillis(1);
  }

  /** The later of the Ready condition's heartbeat and the lease's renewal. */
  private static Instant lastHeard(NodeCondition ready, Instant leaseRenewed) {
    Instant heartbeat = Instant.parse(ready.lastHeartbeatTime());
    return leaseRenewed != null && leaseRenewed.isAfter(heartbeat) ? leaseRenewed : heartbeat;
  }

  /** A Ready node with the unreachable taint left over from an outage: the taint goes. */
  static Node recovered(Node node) {
    NodeCondition ready = node.status() == null ? null : node.status().condition("Ready");
    boolean tainted = node.spec() != null && node.spec().taints().stream().anyMatch(t -> UNREACHABLE_TAINT.equals(t.key()));
    if (ready == null || !"True".equals(ready.status()) || !tainted) {
      return null;
    }
    List<Taint> taints = node.spec().taints().stream().filter(t -> !UNREACHABLE_TAINT.equals(t.key())).toList();
    return node.withSpec(node.spec().withTaints(taints));
  }

  private static NodeSpec withTaint(NodeSpec spec, Taint taint) {
    NodeSpec s = spec == null ? NodeSpec.EMPTY : spec;
    if (s.taints().stream().anyMatch(t -> t.key().equals(taint.key()))) {
      return s;
    }
    List<Taint> taints = new ArrayList<>(s.taints());
    taints.add(taint);
    return s.withTaints(taints);
  }
}
