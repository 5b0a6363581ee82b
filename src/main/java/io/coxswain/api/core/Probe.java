package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Kubernetes {@code v1.Probe}: one handler (exec, httpGet or tcpSocket) plus timing. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Probe(
    ExecAction exec,
    HTTPGetAction httpGet,
    TCPSocketAction tcpSocket,
    Integer initialDelaySeconds,
    Integer timeoutSeconds,
    Integer periodSeconds,
    Integer successThreshold,
    Integer failureThreshold,
    Long terminationGracePeriodSeconds,
    GRPCAction grpc) {

  public static Probe httpGet(String path, int port) {
    return new Probe(null, new HTTPGetAction(path, IntOrString.of(port), null, null, null, null),
        null, null, null, null, null, null, null, null);
  }

  public static Probe tcpSocket(int port) {
    return new Probe(null, null, new TCPSocketAction(IntOrString.of(port), null), null, null, null, null, null, null,
        null);
  }

  public static Probe exec(List<String> command) {
    return new Probe(new ExecAction(command), null, null, null, null, null, null, null, null, null);
  }

  /** How many handlers are set; Kubernetes requires exactly one. */
  public int handlerCount() {
    return (exec == null ? 0 : 1) + (httpGet == null ? 0 : 1) + (tcpSocket == null ? 0 : 1) + (grpc == null ? 0 : 1);
  }
}
