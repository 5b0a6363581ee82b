package io.coxswain.node.pod;

import io.coxswain.api.core.Container;
import io.coxswain.api.core.ContainerPort;
import io.coxswain.api.core.HTTPGetAction;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.Probe;
import io.coxswain.api.core.TCPSocketAction;

/**
 * A probe whose port names a container port ("http") gets that port's number. Pure. Only httpGet
 * and tcpSocket ports may be names; a grpc probe's port is a number (Kubernetes' GRPCAction.port
 * is an int32), so it passes through as written.
 */
final class ProbePorts {
  private ProbePorts() {}

  static Probe resolve(Probe probe, Container container) {
    if (probe.httpGet() != null && !probe.httpGet().port().isInt()) {
      HTTPGetAction get = probe.httpGet();
      return new Probe(probe.exec(), new HTTPGetAction(get.path(), number(get.port(), container), get.host(),
          get.scheme(), get.httpHeaders(), get.protocol()), probe.tcpSocket(), probe.initialDelaySeconds(),
          probe.timeoutSeconds(), probe.periodSeconds(), probe.successThreshold(), probe.failureThreshold(),
          probe.terminationGracePeriodSeconds(), probe.grpc());
    }
    if (probe.tcpSocket() != null && !probe.tcpSocket().port().isInt()) {
      TCPSocketAction tcp = probe.tcpSocket();
      return new Probe(probe.exec(), probe.httpGet(), new TCPSocketAction(number(tcp.port(), container), tcp.host()),
          probe.initialDelaySeconds(), probe.timeoutSeconds(), probe.periodSeconds(), probe.successThreshold(),
          probe.failureThreshold(), probe.terminationGracePeriodSeconds(), probe.grpc());
    }
    return probe;
  }

  /** An unknown name resolves to port 0, which fails the probe, as in Kubernetes. */
  private static IntOrString number(IntOrString port, Container container) {
    for (ContainerPort p : container.ports()) {
      if (port.stringValue().equals(p.name()) && p.containerPort() != null) {
        return IntOrString.of(p.containerPort());
      }
    }
    return IntOrString.of(0);
  }
}
