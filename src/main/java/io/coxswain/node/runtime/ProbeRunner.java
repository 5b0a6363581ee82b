package io.coxswain.node.runtime;

import io.coxswain.api.core.Probe;

/**
 * An optional ability of a runtime: run one probe (httpGet, tcpSocket, grpc or exec) against a
 * running container. Blocking; true when the probe succeeded.
 */
public interface ProbeRunner {
  enum Kind { READINESS, LIVENESS, STARTUP }

  boolean probe(String containerId, String podIp, Probe probe, Kind kind) throws RuntimeFailure;
}
