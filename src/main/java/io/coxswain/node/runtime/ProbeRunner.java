package io.coxswain.node.runtime;

import io.coxswain.api.core.Probe;

/**
 * An optional ability of a runtime: run one probe (httpGet, tcpSocket, grpc or exec) against a
 * running container. Blocking; the result says whether it succeeded and, when not, why, in the
 * kubelet's words.
 */
public interface ProbeRunner {
  /** HOOK: a postStart or preStop handler's exec or httpGet, run as a probe of that kind would be. */
  enum Kind { READINESS, LIVENESS, STARTUP, HOOK }

  ProbeResult probe(String containerId, String podIp, Probe probe, Kind kind) throws RuntimeFailure;
}
