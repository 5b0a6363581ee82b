package io.coxswain.node;

import io.coxswain.api.Defaulting;
import io.coxswain.api.Quantity;
import java.math.BigDecimal;
import io.coxswain.api.core.DaemonEndpoint;
import io.coxswain.api.core.NodeDaemonEndpoints;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.NodeAddress;
import io.coxswain.api.core.NodeCondition;
import io.coxswain.api.core.NodeSpec;
import io.coxswain.api.core.NodeStatus;
import io.coxswain.api.core.NodeSystemInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Node object a node agent publishes, and its heartbeat: pure functions of the host's facts
 * and the time, so the agent actor only decides when to write.
 */
public final class NodeStatusBuilder {
  static final String READY = "Ready";
  static final String READY_REASON = "KubeletReady";
  static final String READY_MESSAGE = "coxswain node agent is posting ready status";

  /** The Pekko address of the member whose agent this node is. */
  public static final String MEMBER_ANNOTATION = "coxswain.io/member";

  private NodeStatusBuilder() {}

  /** A new Node for these facts, Ready as of now. */
  public static Node registration(NodeFacts facts, Clock clock) {
    String now = Defaulting.now(clock);
    ObjectMeta meta = withMember(ObjectMeta.named(null, facts.name()).withLabels(facts.labels()), facts);
    return Node.of(meta, NodeSpec.EMPTY.withPodCIDR(facts.podCidr()), status(facts, List.of(ready(now, now))));
  }

  /**
   * The stored node with this agent's current status: facts refreshed, Ready heartbeat now. The
   * spec (unschedulable, taints — set by users and controllers) and the labels others added stay.
   */
  public static Node refreshed(Node stored, NodeFacts facts, Clock clock) {
    String now = Defaulting.now(clock);
    NodeCondition previous = stored.status() == null ? null : stored.status().condition(READY);
    String transition = previous != null && "True".equals(previous.status()) ? previous.lastTransitionTime() : now;
    List<NodeCondition> conditions = new ArrayList<>();
    if (stored.status() != null) {
      stored.status().conditions().stream().filter(c -> !READY.equals(c.type())).forEach(conditions::add);
    }
    conditions.add(ready(now, transition));
    Map<String, String> labels = new java.util.LinkedHashMap<>(stored.metadata().labelsOrEmpty());
    labels.putAll(facts.labels());
    Node refreshed = stored.withMetadata(withMember(stored.metadata().withLabels(labels), facts))
        .withStatus(status(facts, conditions));
    // The pod range this member claimed at its start (a restarted member may have claimed anew).
    return facts.podCidr() == null || facts.podCidr().equals(stored.spec().podCIDR()) ? refreshed
        : refreshed.withSpec(stored.spec().withPodCIDR(facts.podCidr()));
  }

  /** Which cluster member runs this node's agent: the node lifecycle acts when that member is gone. */
  private static ObjectMeta withMember(ObjectMeta meta, NodeFacts facts) {
    if (facts.member() == null) {
      return meta;
    }
    Map<String, String> annotations = new java.util.LinkedHashMap<>(meta.annotationsOrEmpty());
    annotations.put(MEMBER_ANNOTATION, facts.member());
    return meta.withAnnotations(annotations);
  }

  private static NodeCondition ready(String heartbeat, String transition) {
    return new NodeCondition(READY, "True", heartbeat, transition, READY_REASON, READY_MESSAGE);
  }

  private static NodeStatus status(NodeFacts facts, List<NodeCondition> conditions) {
    Map<String, Quantity> capacity = Map.of(
        "cpu", Quantity.of(BigDecimal.valueOf(facts.cpus())),
        "memory", Quantity.ofBytes(facts.memoryBytes() / 1024 * 1024),
        "pods", Quantity.of(BigDecimal.valueOf(facts.maxPods())));
    List<NodeAddress> addresses = List.of(new NodeAddress("InternalIP", facts.internalIp()),
        new NodeAddress("Hostname", facts.name()));
    NodeSystemInfo info = new NodeSystemInfo(facts.bootId(), facts.bootId(), facts.bootId(), facts.kernelVersion(),
        facts.osImage(), facts.runtimeVersion(), NodeFacts.AGENT_VERSION, NodeFacts.AGENT_VERSION, "linux",
        facts.architecture(), null, null);
    NodeDaemonEndpoints endpoints = facts.agentPort() > 0
        ? new NodeDaemonEndpoints(new DaemonEndpoint(facts.agentPort())) : null;
    return NodeStatus.builder().capacity(capacity).allocatable(capacity).conditions(conditions).addresses(addresses)
        .daemonEndpoints(endpoints).nodeInfo(info).build();
  }
}
