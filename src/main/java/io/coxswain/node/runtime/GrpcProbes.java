package io.coxswain.node.runtime;

import io.coxswain.api.core.GRPCAction;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.util.concurrent.TimeUnit;

/**
 * The grpc probe handler ({@code livenessProbe/readinessProbe/startupProbe.grpc}), run from the
 * node against the pod's address, as the kubelet does: one call of the standard gRPC Health
 * Checking Protocol, {@code grpc.health.v1.Health/Check} with {@code HealthCheckRequest{service}}
 * (the probe's {@code service}, empty for the server as a whole), over plaintext HTTP/2 — no TLS,
 * no proxy. Runtime-independent, beside {@link NetworkProbes}; grpc-java does the protocol.
 *
 * <p>Each call opens its own channel and shuts it down before returning, so nothing outlives a
 * probe. Blocking: run it on a blocking dispatcher.
 */
public final class GrpcProbes {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GrpcProbes.class);

  private GrpcProbes() {}

  /**
   * Runs one health check against {@code podIp:action.port}.
   *
   * @param podIp the pod's IP address (IPv4 or IPv6 literal); empty or null fails
   * @param action the probe's grpc handler: {@code port} a number from 1 to 65535 (Kubernetes has no
   *     named port here), {@code service} the name to ask about, null or empty for the whole server
   * @param timeoutMillis the probe's {@code timeoutSeconds} in milliseconds
   *     ({@link NetworkProbes#timeoutMillis}); bounds connecting and the call together (closing
   *     the channel afterwards waits at most as long again)
   * @return true only when the server answers SERVING in time. Any other answer (NOT_SERVING,
   *     UNKNOWN, SERVICE_UNKNOWN), any error status (a service the server does not know is
   *     NOT_FOUND; a server without the health service UNIMPLEMENTED), a refused or reset
   *     connection, or no answer within the timeout is a failure, as in Kubernetes. Never throws.
   */
  public static ProbeResult check(String podIp, GRPCAction action, int timeoutMillis) {
    int port = action.port() == null ? 0 : action.port();
    if (podIp == null || podIp.isEmpty() || port < 1 || port > 65535) {
      return ProbeResult.failure("failed to connect service \"" + podIp + ":" + port + "\"");
    }
    String service = action.service() == null ? "" : action.service();
    ManagedChannel channel;
    try {
      channel = Grpc.newChannelBuilderForAddress(podIp, port, InsecureChannelCredentials.create())
          // The kubelet dials the pod directly; a proxy from the environment would probe something else.
          .proxyDetector(address -> null)
          .userAgent("coxswain-probe/1")
          .build();
    } catch (RuntimeException e) {
      // No transport on the classpath or an address grpc cannot parse: no probe can pass, so say so.
      log.warn("grpc probe {}:{} could not be set up", podIp, port, e);
      return ProbeResult.failure("failed to connect service \"" + podIp + ":" + port + "\": " + e.getMessage());
    }
    try {
      // The deadline covers the connection too: a call waits for the channel to be ready until
      // then, and fails at once when the connection is refused (the call is not wait-for-ready).
      HealthCheckResponse response = HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.newBuilder().setService(service).build());
      if (response.getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
        log.debug("grpc probe {}:{} service=\"{}\" answered {}", podIp, port, service, response.getStatus());
        return ProbeResult.failure("service unhealthy (responded with \"" + response.getStatus() + "\")");
      }
      return ProbeResult.SUCCESS;
    } catch (StatusRuntimeException e) {
      log.debug("grpc probe {}:{} service=\"{}\" failed: {}", podIp, port, service, e.getStatus());
      return ProbeResult.failure(e.getStatus().getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED
          ? "timeout: health rpc did not complete within " + timeoutMillis + "ms"
          : "error: health rpc probe failed: " + e.getStatus());
    } catch (RuntimeException e) {
      // Whatever else the client throws is a failed probe, not a crash of the pod's worker.
      log.debug("grpc probe {}:{} service=\"{}\" failed", podIp, port, service, e);
      return ProbeResult.failure("error: health rpc probe failed: " + e.getMessage());
    } finally {
      close(channel, timeoutMillis);
    }
  }

  /** Closes the channel's connection now and waits for it at most {@code timeoutMillis}. */
  private static void close(ManagedChannel channel, int timeoutMillis) {
    channel.shutdownNow();
    try {
      channel.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
