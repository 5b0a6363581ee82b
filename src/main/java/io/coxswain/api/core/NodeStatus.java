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
    NodeSystemInfo nodeInfo,
    NodeConfigStatus config,
    List<String> declaredFeatures,
    NodeFeatures features,
    List<ContainerImage> images,
    String phase,
    List<NodeRuntimeHandler> runtimeHandlers,
    List<AttachedVolume> volumesAttached,
    List<String> volumesInUse) {

  public NodeStatus {
    declaredFeatures = Collections2.listOrEmpty(declaredFeatures);
    images = Collections2.listOrEmpty(images);
    runtimeHandlers = Collections2.listOrEmpty(runtimeHandlers);
    volumesAttached = Collections2.listOrEmpty(volumesAttached);
    volumesInUse = Collections2.listOrEmpty(volumesInUse);
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
    return toBuilder().allocatable(v).build();
  }

  public NodeStatus withConditions(List<NodeCondition> v) {
    return toBuilder().conditions(v).build();
  }

  /** A builder starting from this object's fields, for changing a few of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets fields one at a time; {@link #build()} makes the immutable record. */
  public static final class Builder {
    private Map<String, Quantity> capacity;
    private Map<String, Quantity> allocatable;
    private List<NodeCondition> conditions;
    private List<NodeAddress> addresses;
    private NodeDaemonEndpoints daemonEndpoints;
    private NodeSystemInfo nodeInfo;
    private NodeConfigStatus config;
    private List<String> declaredFeatures;
    private NodeFeatures features;
    private List<ContainerImage> images;
    private String phase;
    private List<NodeRuntimeHandler> runtimeHandlers;
    private List<AttachedVolume> volumesAttached;
    private List<String> volumesInUse;

    private Builder() {}

    private Builder(NodeStatus from) {
      capacity = from.capacity;
      allocatable = from.allocatable;
      conditions = from.conditions;
      addresses = from.addresses;
      daemonEndpoints = from.daemonEndpoints;
      nodeInfo = from.nodeInfo;
      config = from.config;
      declaredFeatures = from.declaredFeatures;
      features = from.features;
      images = from.images;
      phase = from.phase;
      runtimeHandlers = from.runtimeHandlers;
      volumesAttached = from.volumesAttached;
      volumesInUse = from.volumesInUse;
    }

    public Builder capacity(Map<String, Quantity> v) {
      capacity = v;
      return this;
    }

    public Builder allocatable(Map<String, Quantity> v) {
      allocatable = v;
      return this;
    }

    public Builder conditions(List<NodeCondition> v) {
      conditions = v;
      return this;
    }

    public Builder addresses(List<NodeAddress> v) {
      addresses = v;
      return this;
    }

    public Builder daemonEndpoints(NodeDaemonEndpoints v) {
      daemonEndpoints = v;
      return this;
    }

    public Builder nodeInfo(NodeSystemInfo v) {
      nodeInfo = v;
      return this;
    }

    public Builder config(NodeConfigStatus v) {
      config = v;
      return this;
    }

    public Builder declaredFeatures(List<String> v) {
      declaredFeatures = v;
      return this;
    }

    public Builder features(NodeFeatures v) {
      features = v;
      return this;
    }

    public Builder images(List<ContainerImage> v) {
      images = v;
      return this;
    }

    public Builder phase(String v) {
      phase = v;
      return this;
    }

    public Builder runtimeHandlers(List<NodeRuntimeHandler> v) {
      runtimeHandlers = v;
      return this;
    }

    public Builder volumesAttached(List<AttachedVolume> v) {
      volumesAttached = v;
      return this;
    }

    public Builder volumesInUse(List<String> v) {
      volumesInUse = v;
      return this;
    }

    public NodeStatus build() {
      return new NodeStatus(capacity, allocatable, conditions, addresses, daemonEndpoints, nodeInfo, config,
          declaredFeatures, features, images, phase, runtimeHandlers, volumesAttached, volumesInUse);
    }
  }
}
