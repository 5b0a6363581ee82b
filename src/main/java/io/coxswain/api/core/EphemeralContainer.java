package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.EphemeralContainer}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EphemeralContainer(
    List<String> args,
    List<String> command,
    List<EnvVar> env,
    List<EnvFromSource> envFrom,
    String image,
    String imagePullPolicy,
    Lifecycle lifecycle,
    Probe livenessProbe,
    String name,
    List<ContainerPort> ports,
    Probe readinessProbe,
    List<ContainerResizePolicy> resizePolicy,
    ResourceRequirements resources,
    String restartPolicy,
    List<ContainerRestartRule> restartPolicyRules,
    SecurityContext securityContext,
    Probe startupProbe,
    Boolean stdin,
    Boolean stdinOnce,
    String targetContainerName,
    String terminationMessagePath,
    String terminationMessagePolicy,
    Boolean tty,
    List<VolumeDevice> volumeDevices,
    List<VolumeMount> volumeMounts,
    String workingDir) {

  public EphemeralContainer {
    args = Collections2.listOrEmpty(args);
    command = Collections2.listOrEmpty(command);
    env = Collections2.listOrEmpty(env);
    envFrom = Collections2.listOrEmpty(envFrom);
    ports = Collections2.listOrEmpty(ports);
    resizePolicy = Collections2.listOrEmpty(resizePolicy);
    restartPolicyRules = Collections2.listOrEmpty(restartPolicyRules);
    volumeDevices = Collections2.listOrEmpty(volumeDevices);
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
    private List<String> args;
    private List<String> command;
    private List<EnvVar> env;
    private List<EnvFromSource> envFrom;
    private String image;
    private String imagePullPolicy;
    private Lifecycle lifecycle;
    private Probe livenessProbe;
    private String name;
    private List<ContainerPort> ports;
    private Probe readinessProbe;
    private List<ContainerResizePolicy> resizePolicy;
    private ResourceRequirements resources;
    private String restartPolicy;
    private List<ContainerRestartRule> restartPolicyRules;
    private SecurityContext securityContext;
    private Probe startupProbe;
    private Boolean stdin;
    private Boolean stdinOnce;
    private String targetContainerName;
    private String terminationMessagePath;
    private String terminationMessagePolicy;
    private Boolean tty;
    private List<VolumeDevice> volumeDevices;
    private List<VolumeMount> volumeMounts;
    private String workingDir;

    private Builder() {}

    private Builder(EphemeralContainer from) {
      args = from.args;
      command = from.command;
      env = from.env;
      envFrom = from.envFrom;
      image = from.image;
      imagePullPolicy = from.imagePullPolicy;
      lifecycle = from.lifecycle;
      livenessProbe = from.livenessProbe;
      name = from.name;
      ports = from.ports;
      readinessProbe = from.readinessProbe;
      resizePolicy = from.resizePolicy;
      resources = from.resources;
      restartPolicy = from.restartPolicy;
      restartPolicyRules = from.restartPolicyRules;
      securityContext = from.securityContext;
      startupProbe = from.startupProbe;
      stdin = from.stdin;
      stdinOnce = from.stdinOnce;
      targetContainerName = from.targetContainerName;
      terminationMessagePath = from.terminationMessagePath;
      terminationMessagePolicy = from.terminationMessagePolicy;
      tty = from.tty;
      volumeDevices = from.volumeDevices;
      volumeMounts = from.volumeMounts;
      workingDir = from.workingDir;
    }

    public Builder args(List<String> v) {
      args = v;
      return this;
    }

    public Builder command(List<String> v) {
      command = v;
      return this;
    }

    public Builder env(List<EnvVar> v) {
      env = v;
      return this;
    }

    public Builder envFrom(List<EnvFromSource> v) {
      envFrom = v;
      return this;
    }

    public Builder image(String v) {
      image = v;
      return this;
    }

    public Builder imagePullPolicy(String v) {
      imagePullPolicy = v;
      return this;
    }

    public Builder lifecycle(Lifecycle v) {
      lifecycle = v;
      return this;
    }

    public Builder livenessProbe(Probe v) {
      livenessProbe = v;
      return this;
    }

    public Builder name(String v) {
      name = v;
      return this;
    }

    public Builder ports(List<ContainerPort> v) {
      ports = v;
      return this;
    }

    public Builder readinessProbe(Probe v) {
      readinessProbe = v;
      return this;
    }

    public Builder resizePolicy(List<ContainerResizePolicy> v) {
      resizePolicy = v;
      return this;
    }

    public Builder resources(ResourceRequirements v) {
      resources = v;
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

    public Builder startupProbe(Probe v) {
      startupProbe = v;
      return this;
    }

    public Builder stdin(Boolean v) {
      stdin = v;
      return this;
    }

    public Builder stdinOnce(Boolean v) {
      stdinOnce = v;
      return this;
    }

    public Builder targetContainerName(String v) {
      targetContainerName = v;
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

    public Builder tty(Boolean v) {
      tty = v;
      return this;
    }

    public Builder volumeDevices(List<VolumeDevice> v) {
      volumeDevices = v;
      return this;
    }

    public Builder volumeMounts(List<VolumeMount> v) {
      volumeMounts = v;
      return this;
    }

    public Builder workingDir(String v) {
      workingDir = v;
      return this;
    }

    public EphemeralContainer build() {
      return new EphemeralContainer(args, command, env, envFrom, image, imagePullPolicy, lifecycle, livenessProbe,
          name, ports, readinessProbe, resizePolicy, resources, restartPolicy, restartPolicyRules, securityContext,
          startupProbe, stdin, stdinOnce, targetContainerName, terminationMessagePath, terminationMessagePolicy, tty,
          volumeDevices, volumeMounts, workingDir);
    }
  }
}
