package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.Quantity;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes {@code v1.ContainerStatus}; ready, restartCount and imageID (empty until known) are
 * always written, as Kubernetes writes them.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerStatus(
    String name,
    ContainerState state,
    ContainerState lastState,
    Boolean ready,
    Integer restartCount,
    String image,
    @JsonInclude(JsonInclude.Include.ALWAYS) String imageID,
    String containerID,
    Boolean started,
    Map<String, Quantity> allocatedResources,
    List<ResourceStatus> allocatedResourcesStatus,
    ResourceRequirements resources,
    String stopSignal,
    ContainerUser user,
    List<VolumeMountStatus> volumeMounts) {

  public ContainerStatus {
    allocatedResources = Collections2.mapOrEmpty(allocatedResources);
    allocatedResourcesStatus = Collections2.listOrEmpty(allocatedResourcesStatus);
    volumeMounts = Collections2.listOrEmpty(volumeMounts);
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
    private String name;
    private ContainerState state;
    private ContainerState lastState;
    private Boolean ready;
    private Integer restartCount;
    private String image;
    private String imageID;
    private String containerID;
    private Boolean started;
    private Map<String, Quantity> allocatedResources;
    private List<ResourceStatus> allocatedResourcesStatus;
    private ResourceRequirements resources;
    private String stopSignal;
    private ContainerUser user;
    private List<VolumeMountStatus> volumeMounts;

    private Builder() {}

    private Builder(ContainerStatus from) {
      name = from.name;
      state = from.state;
      lastState = from.lastState;
      ready = from.ready;
      restartCount = from.restartCount;
      image = from.image;
      imageID = from.imageID;
      containerID = from.containerID;
      started = from.started;
      allocatedResources = from.allocatedResources;
      allocatedResourcesStatus = from.allocatedResourcesStatus;
      resources = from.resources;
      stopSignal = from.stopSignal;
      user = from.user;
      volumeMounts = from.volumeMounts;
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder state(ContainerState v) {
      state = v;
      return this;
    }

    public Builder lastState(ContainerState v) {
      lastState = v;
      return this;
    }

    public Builder ready(Boolean v) {
      ready = v;
      return this;
    }

    public Builder restartCount(Integer v) {
      restartCount = v;
      return this;
    }

    public Builder image(String v) {
      image = v;
      return this;
    }

    public Builder imageID(String v) {
      imageID = v;
      return this;
    }

    public Builder containerID(String v) {
      containerID = v;
      return this;
    }

    public Builder started(Boolean v) {
      started = v;
      return this;
    }

    public Builder allocatedResources(Map<String, Quantity> v) {
      allocatedResources = v;
      return this;
    }

    public Builder allocatedResourcesStatus(List<ResourceStatus> v) {
      allocatedResourcesStatus = v;
      return this;
    }

    public Builder resources(ResourceRequirements v) {
      resources = v;
      return this;
    }

    public Builder stopSignal(String v) {
      stopSignal = v;
      return this;
    }

    public Builder user(ContainerUser v) {
      user = v;
      return this;
    }

    public Builder volumeMounts(List<VolumeMountStatus> v) {
      volumeMounts = v;
      return this;
    }

    public ContainerStatus build() {
      return new ContainerStatus(name, state, lastState, ready, restartCount, image, imageID, containerID, started,
          allocatedResources, allocatedResourcesStatus, resources, stopSignal, user, volumeMounts);
    }
  }
}
