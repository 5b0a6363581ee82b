package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.Quantity;
import java.util.List;
import java.util.Map;

/** Kubernetes {@code v1.NodeStatus}; capacity and allocatable are resource name to quantity. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeStatus(
    Map<String, Quantity> capacity,
    Map<String, Quantity> allocatable,
    List<NodeCondition> conditions,
    List<NodeAddress> addresses,
    NodeDaemonEndpoints daemonEndpoints,
    NodeSystemInfo nodeInfo) {

  public NodeStatus {
    capacity = Collections2.mapOrEmpty(capacity);
    allocatable = Collections2.mapOrEmpty(allocatable);
    conditions = Collections2.listOrEmpty(conditions);
    addresses = Collections2.listOrEmpty(addresses);
  }

  /** The condition of the given type (Ready, MemoryPressure, ...), or null. */
  public NodeCondition condition(String type) {
    for (NodeCondition condition : conditions) {
      if (type.equals(condition.type())) {
        return condition;
      }
    }
    return null;
  }

  public NodeStatus withAllocatable(Map<String, Quantity> v) {
    return new NodeStatus(capacity, v, conditions, addresses, daemonEndpoints, nodeInfo);
  }

  public NodeStatus withConditions(List<NodeCondition> v) {
    return new NodeStatus(capacity, allocatable, v, addresses, daemonEndpoints, nodeInfo);
  }
}
