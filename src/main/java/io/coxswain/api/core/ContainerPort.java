package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ContainerPort}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerPort(String name, Integer hostPort, Integer containerPort, String protocol, String hostIP) {

  public static ContainerPort of(int containerPort) {
    return new ContainerPort(null, null, containerPort, null, null);
  }

  public ContainerPort withProtocol(String v) {
    return new ContainerPort(name, hostPort, containerPort, v, hostIP);
  }

  public ContainerPort withHostPort(Integer v) {
    return new ContainerPort(name, v, containerPort, protocol, hostIP);
  }
}
