package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.Quantity;
import java.util.List;
import java.util.Map;

/** Kubernetes {@code v1.PodStatus}; phase is Pending, Running, Succeeded, Failed or Unknown. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodStatus(
    String phase,
    List<PodCondition> conditions,
    String message,
    String reason,
    String hostIP,
    List<PodIP> hostIPs,
    String podIP,
    List<PodIP> podIPs,
    String startTime,
    List<ContainerStatus> initContainerStatuses,
    List<ContainerStatus> containerStatuses,
    String qosClass,
    Map<String, Quantity> allocatedResources,
    List<ContainerStatus> ephemeralContainerStatuses,
    PodExtendedResourceClaimStatus extendedResourceClaimStatus,
    List<NodeAllocatableResourceClaimStatus> nodeAllocatableResourceClaimStatuses,
    String nominatedNodeName,
    Long observedGeneration,
    String resize,
    List<PodResourceClaimStatus> resourceClaimStatuses,
    ResourceRequirements resources,
    List<PodVolumeHealth> volumeHealth) {

  public PodStatus {
    allocatedResources = Collections2.mapOrEmpty(allocatedResources);
    ephemeralContainerStatuses = Collections2.listOrEmpty(ephemeralContainerStatuses);
    nodeAllocatableResourceClaimStatuses = Collections2.listOrEmpty(nodeAllocatableResourceClaimStatuses);
    resourceClaimStatuses = Collections2.listOrEmpty(resourceClaimStatuses);
    volumeHealth = Collections2.listOrEmpty(volumeHealth);
    conditions = Collections2.listOrEmpty(conditions);
    hostIPs = Collections2.listOrEmpty(hostIPs);
    podIPs = Collections2.listOrEmpty(podIPs);
    initContainerStatuses = Collections2.listOrEmpty(initContainerStatuses);
    containerStatuses = Collections2.listOrEmpty(containerStatuses);
  }

  public static PodStatus phase(String phase) {
    return builder().phase(phase).build();
  }

  public PodStatus withPhase(String v) {
    return toBuilder().phase(v).build();
  }

  public PodStatus withConditions(List<PodCondition> v) {
    return toBuilder().conditions(v).build();
  }

  public PodStatus withContainerStatuses(List<ContainerStatus> v) {
    return toBuilder().containerStatuses(v).build();
  }

  public PodStatus withQosClass(String v) {
    return toBuilder().qosClass(v).build();
  }

  /** Sets hostIP/podIP and their one-element list forms together, as the kubelet reports them. */
  public PodStatus withIPs(String host, String pod) {
    return toBuilder().hostIP(host).hostIPs(host == null ? null : List.of(new PodIP(host)))
        .podIP(pod).podIPs(pod == null ? null : List.of(new PodIP(pod))).build();
  }

  /** The condition of the given type, or null. */
  public PodCondition condition(String type) {
    for (PodCondition condition : conditions) {
      if (type.equals(condition.type())) {
        return condition;
      }
    }
    return null;
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
    private String phase;
    private List<PodCondition> conditions;
    private String message;
    private String reason;
    private String hostIP;
    private List<PodIP> hostIPs;
    private String podIP;
    private List<PodIP> podIPs;
    private String startTime;
    private List<ContainerStatus> initContainerStatuses;
    private List<ContainerStatus> containerStatuses;
    private String qosClass;
    private Map<String, Quantity> allocatedResources;
    private List<ContainerStatus> ephemeralContainerStatuses;
    private PodExtendedResourceClaimStatus extendedResourceClaimStatus;
    private List<NodeAllocatableResourceClaimStatus> nodeAllocatableResourceClaimStatuses;
    private String nominatedNodeName;
    private Long observedGeneration;
    private String resize;
    private List<PodResourceClaimStatus> resourceClaimStatuses;
    private ResourceRequirements resources;
    private List<PodVolumeHealth> volumeHealth;

    private Builder() {}

    private Builder(PodStatus from) {
      phase = from.phase;
      conditions = from.conditions;
      message = from.message;
      reason = from.reason;
      hostIP = from.hostIP;
      hostIPs = from.hostIPs;
      podIP = from.podIP;
      podIPs = from.podIPs;
      startTime = from.startTime;
      initContainerStatuses = from.initContainerStatuses;
      containerStatuses = from.containerStatuses;
      qosClass = from.qosClass;
      allocatedResources = from.allocatedResources;
      ephemeralContainerStatuses = from.ephemeralContainerStatuses;
      extendedResourceClaimStatus = from.extendedResourceClaimStatus;
      nodeAllocatableResourceClaimStatuses = from.nodeAllocatableResourceClaimStatuses;
      nominatedNodeName = from.nominatedNodeName;
      observedGeneration = from.observedGeneration;
      resize = from.resize;
      resourceClaimStatuses = from.resourceClaimStatuses;
      resources = from.resources;
      volumeHealth = from.volumeHealth;
    }

    public Builder phase(String v) {
      phase = v;
      return this;
    }

    public Builder conditions(List<PodCondition> v) {
      conditions = v;
      return this;
    }

    public Builder message(String v) {
      message = v;
      return this;
    }

    public Builder reason(String v) {
      reason = v;
      return this;
    }

    public Builder hostIP(String v) {
      hostIP = v;
      return this;
    }

    public Builder hostIPs(List<PodIP> v) {
      hostIPs = v;
      return this;
    }

    public Builder podIP(String v) {
      podIP = v;
      return this;
    }

    public Builder podIPs(List<PodIP> v) {
      podIPs = v;
      return this;
    }

    public Builder startTime(String v) {
      startTime = v;
      return this;
    }

    public Builder initContainerStatuses(List<ContainerStatus> v) {
      initContainerStatuses = v;
      return this;
    }

    public Builder containerStatuses(List<ContainerStatus> v) {
      containerStatuses = v;
      return this;
    }

    public Builder qosClass(String v) {
      qosClass = v;
      return this;
    }

    public Builder allocatedResources(Map<String, Quantity> v) {
      allocatedResources = v;
      return this;
    }

    public Builder ephemeralContainerStatuses(List<ContainerStatus> v) {
      ephemeralContainerStatuses = v;
      return this;
    }

    public Builder extendedResourceClaimStatus(PodExtendedResourceClaimStatus v) {
      extendedResourceClaimStatus = v;
      return this;
    }

    public Builder nodeAllocatableResourceClaimStatuses(List<NodeAllocatableResourceClaimStatus> v) {
      nodeAllocatableResourceClaimStatuses = v;
      return this;
    }

    public Builder nominatedNodeName(String v) {
      nominatedNodeName = v;
      return this;
    }

    public Builder observedGeneration(Long v) {
      observedGeneration = v;
      return this;
    }

    public Builder resize(String v) {
      resize = v;
      return this;
    }

    public Builder resourceClaimStatuses(List<PodResourceClaimStatus> v) {
      resourceClaimStatuses = v;
      return this;
    }

    public Builder resources(ResourceRequirements v) {
      resources = v;
      return this;
    }

    public Builder volumeHealth(List<PodVolumeHealth> v) {
      volumeHealth = v;
      return this;
    }

    public PodStatus build() {
      return new PodStatus(phase, conditions, message, reason, hostIP, hostIPs, podIP, podIPs, startTime,
          initContainerStatuses, containerStatuses, qosClass, allocatedResources, ephemeralContainerStatuses,
          extendedResourceClaimStatus, nodeAllocatableResourceClaimStatuses, nominatedNodeName, observedGeneration,
          resize, resourceClaimStatuses, resources, volumeHealth);
    }
  }
}
