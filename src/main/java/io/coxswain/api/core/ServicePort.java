package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.ServicePort}; targetPort is a number or a container port name. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServicePort(
    String name, String protocol, String appProtocol, Integer port, IntOrString targetPort, Integer nodePort) {

  public static ServicePort of(String name, int port, IntOrString targetPort) {
    return new ServicePort(name, null, null, port, targetPort, null);
  }

  public ServicePort withDefaults(String protocolDefault, IntOrString targetPortDefault) {
    return new ServicePort(name, protocolDefault, appProtocol, port, targetPortDefault, nodePort);
  }

  public ServicePort withNodePort(Integer v) {
    return new ServicePort(name, protocol, appProtocol, port, targetPort, v);
  }
}
