package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.Container}: every field of the API. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Container(
    String name,
    String image,
    List<String> command,
    List<String> args,
    String workingDir,
    List<ContainerPort> ports,
    List<EnvVar> env,
    ResourceRequirements resources,
    List<VolumeMount> volumeMounts,
    Probe livenessProbe,
    Probe readinessProbe,
    Probe startupProbe,
    String terminationMessagePath,
    String terminationMessagePolicy,
    String imagePullPolicy,
    Boolean stdin,
    Boolean tty,
    List<EnvFromSource> envFrom,
    Lifecycle lifecycle,
    List<ContainerResizePolicy> resizePolicy,
    String restartPolicy,
    List<ContainerRestartRule> restartPolicyRules,
    SecurityContext securityContext,
    Boolean stdinOnce,
    List<VolumeDevice> volumeDevices) {

  public Container {
    envFrom = Collections2.listOrEmpty(envFrom);
    resizePolicy = Collections2.listOrEmpty(resizePolicy);
    restartPolicyRules = Collections2.listOrEmpty(restartPolicyRules);
    volumeDevices = Collections2.listOrEmpty(volumeDevices);
    command = Collections2.listOrEmpty(command);
    args = Collections2.listOrEmpty(args);
    ports = Collections2.listOrEmpty(ports);
    env = Collections2.listOrEmpty(env);
    volumeMounts = Collections2.listOrEmpty(volumeMounts);
  }

  public static Container of(String name, String image) {
    return builder().name(name).image(image).build();
  }

  /** Never null: absent resources mean no requests and no limits. */
  public ResourceRequirements resourcesOrEmpty() {
    return resources == null ? ResourceRequirements.EMPTY : resources;
  }

  public Container withImage(String v) {
    return toBuilder().image(v).build();
  }

  public Container withPorts(List<ContainerPort> v) {
    return toBuilder().ports(v).build();
  }

  public Container withResources(ResourceRequirements v) {
    return toBuilder().resources(v).build();
  }

  public Container withCommand(List<String> v) {
    return toBuilder().command(v).build();
  }

  public Container withVolumeMounts(List<VolumeMount> v) {
    return toBuilder().volumeMounts(v).build();
  }

  public Container withProbes(Probe liveness, Probe readiness, Probe startup) {
    return toBuilder().livenessProbe(liveness).readinessProbe(readiness).startupProbe(startup).build();
  }

  public Container withTermination(String messagePath, String messagePolicy) {
    return toBuilder().terminationMessagePath(messagePath).terminationMessagePolicy(messagePolicy).build();
  }

  public Container withImagePullPolicy(String v) {
    return toBuilder().imagePullPolicy(v).build();
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
    private String image;
    private List<String> command;
    private List<String> args;
    private String workingDir;
    private List<ContainerPort> ports;
    private List<EnvVar> env;
    private ResourceRequirements resources;
    private List<VolumeMount> volumeMounts;
    private Probe livenessProbe;
    private Probe readinessProbe;
    private Probe startupProbe;
    private String terminationMessagePath;
    private String terminationMessagePolicy;
    private String imagePullPolicy;
    private Boolean stdin;
    private Boolean tty;
    private List<EnvFromSource> envFrom;
    private Lifecycle lifecycle;
    private List<ContainerResizePolicy> resizePolicy;
    private String restartPolicy;
    private List<ContainerRestartRule> restartPolicyRules;
    private SecurityContext securityContext;
    private Boolean stdinOnce;
    private List<VolumeDevice> volumeDevices;

    private Builder() {}

    private Builder(Container from) {
      name = from.name;
      image = from.image;
      command = from.command;
      args = from.args;
      workingDir = from.workingDir;
      ports = from.ports;
      env = from.env;
      resources = from.resources;
      volumeMounts = from.volumeMounts;
      livenessProbe = from.livenessProbe;
      readinessProbe = from.readinessProbe;
      startupProbe = from.startupProbe;
      terminationMessagePath = from.terminationMessagePath;
      terminationMessagePolicy = from.terminationMessagePolicy;
      imagePullPolicy = from.imagePullPolicy;
      stdin = from.stdin;
      tty = from.tty;
      envFrom = from.envFrom;
      lifecycle = from.lifecycle;
      resizePolicy = from.resizePolicy;
      restartPolicy = from.restartPolicy;
      restartPolicyRules = from.restartPolicyRules;
      securityContext = from.securityContext;
      stdinOnce = from.stdinOnce;
      volumeDevices = from.volumeDevices;
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder image(String v) {
      image = v;
      return this;
    }

    public Builder command(List<String> v) {
      command = v;
      return this;
    }

    public Builder args(List<String> v) {
      args = v;
      return this;
    }

    public Builder workingDir(String v) {
      workingDir = v;
      return this;
    }

    public Builder ports(List<ContainerPort> v) {
      ports = v;
      return this;
    }

    public Builder env(List<EnvVar> v) {
      env = v;
      return this;
    }

    public Builder resources(ResourceRequirements v) {
      resources = v;
      return this;
    }

    public Builder volumeMounts(List<VolumeMount> v) {
      volumeMounts = v;
      return this;
    }

    public Builder livenessProbe(Probe v) {
      livenessProbe = v;
      return this;
    }

    public Builder readinessProbe(Probe v) {
      readinessProbe = v;
      return this;
    }

    public Builder startupProbe(Probe v) {
      startupProbe = v;
      return this;
    }

    public Builder terminationMessagePath(String v) {
      terminationMessagePath = v;
      return this;
    }

    public Builder terminationMessagePolicy(String v) {
      terminationMessagePolicy = v;
      return this;
    }

    public Builder imagePullPolicy(String v) {
      imagePullPolicy = v;
      return this;
    }

    public Builder stdin(Boolean v) {
      stdin = v;
      return this;
    }

    public Builder tty(Boolean v) {
      tty = v;
      return this;
    }

    public Builder envFrom(List<EnvFromSource> v) {
      envFrom = v;
      return this;
    }

    public Builder lifecycle(Lifecycle v) {
      lifecycle = v;
      return this;
    }

    public Builder resizePolicy(List<ContainerResizePolicy> v) {
      resizePolicy = v;
      return this;
    }

    public Builder restartPolicy(String v) {
      restartPolicy = v;
      return this;
    }

    public Builder restartPolicyRules(List<ContainerRestartRule> v) {
      restartPolicyRules = v;
      return this;
    }

    public Builder securityContext(SecurityContext v) {
      securityContext = v;
      return this;
    }

    public Builder stdinOnce(Boolean v) {
      stdinOnce = v;
      return this;
    }

    public Builder volumeDevices(List<VolumeDevice> v) {
      volumeDevices = v;
      return this;
    }

    public Container build() {
      return new Container(name, image, command, args, workingDir, ports, env, resources, volumeMounts,
          livenessProbe, readinessProbe, startupProbe, terminationMessagePath, terminationMessagePolicy,
          imagePullPolicy, stdin, tty, envFrom, lifecycle, resizePolicy, restartPolicy, restartPolicyRules,
          securityContext, stdinOnce, volumeDevices);
    }
  }
}
