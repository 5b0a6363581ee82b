package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;
import java.util.Map;

/** Kubernetes {@code v1.PodSpec} without affinity, security contexts and other cluster-wide features. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodSpec(
    List<Volume> volumes,
    List<Container> initContainers,
    List<Container> containers,
    String restartPolicy,
    Long terminationGracePeriodSeconds,
    Long activeDeadlineSeconds,
    String dnsPolicy,
    Map<String, String> nodeSelector,
    String serviceAccountName,
    String nodeName,
    Boolean hostNetwork,
    String hostname,
    String subdomain,
    String schedulerName,
    List<Toleration> tolerations,
    String priorityClassName,
    Integer priority) {

  public PodSpec {
    volumes = Collections2.listOrEmpty(volumes);
    initContainers = Collections2.listOrEmpty(initContainers);
    containers = Collections2.listOrEmpty(containers);
    nodeSelector = Collections2.mapOrEmpty(nodeSelector);
    tolerations = Collections2.listOrEmpty(tolerations);
  }

  public static PodSpec of(List<Container> containers) {
    return new PodSpec(null, null, containers, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
  }

  public boolean hostNetworkOrFalse() {
    return Boolean.TRUE.equals(hostNetwork);
  }

  public PodSpec withContainers(List<Container> v) {
    return new PodSpec(volumes, initContainers, v, restartPolicy, terminationGracePeriodSeconds,
        activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
        subdomain, schedulerName, tolerations, priorityClassName, priority);
  }

  public PodSpec withInitContainers(List<Container> v) {
    return new PodSpec(volumes, v, containers, restartPolicy, terminationGracePeriodSeconds,
        activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
        subdomain, schedulerName, tolerations, priorityClassName, priority);
  }

  public PodSpec withVolumes(List<Volume> v) {
    return new PodSpec(v, initContainers, containers, restartPolicy, terminationGracePeriodSeconds,
        activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
        subdomain, schedulerName, tolerations, priorityClassName, priority);
  }

  public PodSpec withRestartPolicy(String v) {
    return new PodSpec(volumes, initContainers, containers, v, terminationGracePeriodSeconds,
        activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
        subdomain, schedulerName, tolerations, priorityClassName, priority);
  }

  public PodSpec withNodeName(String v) {
    return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds,
        activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, v, hostNetwork, hostname,
        subdomain, schedulerName, tolerations, priorityClassName, priority);
  }

  public PodSpec withActiveDeadlineSeconds(Long v) {
    return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds,
        v, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
        subdomain, schedulerName, tolerations, priorityClassName, priority);
  }

  public PodSpec withTolerations(List<Toleration> v) {
    return new PodSpec(volumes, initContainers, containers, restartPolicy, terminationGracePeriodSeconds,
        activeDeadlineSeconds, dnsPolicy, nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname,
        subdomain, schedulerName, v, priorityClassName, priority);
  }

  /** The pod-level defaults in one step (the fields that are not lists of sub-objects). */
  public PodSpec withPodDefaults(String restart, Long grace, String dns, String scheduler) {
    return new PodSpec(volumes, initContainers, containers, restart, grace, activeDeadlineSeconds, dns,
        nodeSelector, serviceAccountName, nodeName, hostNetwork, hostname, subdomain, scheduler, tolerations,
        priorityClassName, priority);
  }
}
