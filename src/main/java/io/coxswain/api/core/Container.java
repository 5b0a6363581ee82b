package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.Container} (the fields a runtime on one machine can act on). */
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
    Boolean tty) {

  public Container {
    command = Collections2.listOrEmpty(command);
    args = Collections2.listOrEmpty(args);
    ports = Collections2.listOrEmpty(ports);
    env = Collections2.listOrEmpty(env);
    volumeMounts = Collections2.listOrEmpty(volumeMounts);
  }

  public static Container of(String name, String image) {
    return new Container(name, image, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  /** Never null: absent resources mean no requests and no limits. */
  public ResourceRequirements resourcesOrEmpty() {
    return resources == null ? ResourceRequirements.EMPTY : resources;
  }

  public Container withImage(String v) {
    return new Container(name, v, command, args, workingDir, ports, env, resources, volumeMounts, livenessProbe,
        readinessProbe, startupProbe, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, tty);
  }

  public Container withPorts(List<ContainerPort> v) {
    return new Container(name, image, command, args, workingDir, v, env, resources, volumeMounts, livenessProbe,
        readinessProbe, startupProbe, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, tty);
  }

  public Container withResources(ResourceRequirements v) {
    return new Container(name, image, command, args, workingDir, ports, env, v, volumeMounts, livenessProbe,
        readinessProbe, startupProbe, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, tty);
  }

  public Container withCommand(List<String> v) {
    return new Container(name, image, v, args, workingDir, ports, env, resources, volumeMounts, livenessProbe,
        readinessProbe, startupProbe, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, tty);
  }

  public Container withVolumeMounts(List<VolumeMount> v) {
    return new Container(name, image, command, args, workingDir, ports, env, resources, v, livenessProbe,
        readinessProbe, startupProbe, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, tty);
  }

  public Container withProbes(Probe liveness, Probe readiness, Probe startup) {
    return new Container(name, image, command, args, workingDir, ports, env, resources, volumeMounts, liveness,
        readiness, startup, terminationMessagePath, terminationMessagePolicy, imagePullPolicy, stdin, tty);
  }

  public Container withTermination(String messagePath, String messagePolicy) {
    return new Container(name, image, command, args, workingDir, ports, env, resources, volumeMounts, livenessProbe,
        readinessProbe, startupProbe, messagePath, messagePolicy, imagePullPolicy, stdin, tty);
  }

  public Container withImagePullPolicy(String v) {
    return new Container(name, image, command, args, workingDir, ports, env, resources, volumeMounts, livenessProbe,
        readinessProbe, startupProbe, terminationMessagePath, terminationMessagePolicy, v, stdin, tty);
  }
}
