package io.coxswain.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.core.GRPCAction;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The grpc probe against a real grpc-java server with the standard health service, on 127.0.0.1
 * only: SERVING passes; every other answer, an unknown service, a refused connection and a server
 * that never speaks fail, the last within about the probe's timeout.
 */
class GrpcProbesTest {
  private static final String LOOPBACK = "127.0.0.1";
  private static final String SERVICE = "coxswain.test.Echo";

  private HealthStatusManager health;
  private Server server;

  @BeforeEach
  void startServer() throws IOException {
    health = new HealthStatusManager();
    server = NettyServerBuilder.forAddress(new InetSocketAddress(LOOPBACK, 0), InsecureServerCredentials.create())
        .addService(health.getHealthService())
        .build()
        .start();
    // The first call in a JVM loads grpc and Netty (seconds on a busy machine): paid here, so the
    // timing checks below measure the probe and not class loading.
    assertThat(probe(server.getPort(), null)).isTrue();
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  private boolean probe(int port, String service) {
    return GrpcProbes.check(LOOPBACK, new GRPCAction(null, port, service), 2_000).success();
  }

  @Test
  void aServingServerPasses() {
    assertThat(probe(server.getPort(), null)).isTrue();
    assertThat(probe(server.getPort(), "")).isTrue();
  }

  @Test
  void notServingFails() {
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
    assertThat(probe(server.getPort(), null)).isFalse();
  }

  @Test
  void aNamedServiceIsAskedAboutByName() {
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
    health.setStatus(SERVICE, ServingStatus.SERVING);
    assertThat(probe(server.getPort(), SERVICE)).isTrue();
    assertThat(probe(server.getPort(), null)).as("the server as a whole").isFalse();
    health.setStatus(SERVICE, ServingStatus.NOT_SERVING);
    assertThat(probe(server.getPort(), SERVICE)).isFalse();
  }

  @Test
  void anUnknownServiceFails() {
    assertThat(probe(server.getPort(), "coxswain.test.Nobody")).isFalse();
  }

  @Test
  void nothingListeningFailsWithoutWaitingForTheTimeout() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      port = free.getLocalPort();
    }
    long start = System.nanoTime();
    assertThat(GrpcProbes.check(LOOPBACK, new GRPCAction(null, port, null), 10_000).success()).isFalse();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("refused at once").isLessThan(5_000);
  }

  @Test
  void aServerThatNeverAnswersFailsAtTheTimeout() throws IOException {
    // The kernel completes the TCP handshake into the backlog; nothing ever reads or writes, so
    // the client's HTTP/2 preface gets no SETTINGS back and the call can only end at its deadline.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK))) {
      long start = System.nanoTime();
      assertThat(GrpcProbes.check(LOOPBACK, new GRPCAction(null, silent.getLocalPort(), null), 1_000).success()).isFalse();
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(elapsed).as("waited out the 1 s timeout, and not much more").isBetween(900L, 4_000L);
    }
  }

  @Test
  void noAddressOrPortFailsWithoutDialling() {
    assertThat(GrpcProbes.check("", new GRPCAction(null, server.getPort(), null), 1_000).success()).isFalse();
    assertThat(GrpcProbes.check(LOOPBACK, new GRPCAction(null, null, null), 1_000).success()).isFalse();
    assertThat(GrpcProbes.check(LOOPBACK, new GRPCAction(null, 70_000, null), 1_000).success()).isFalse();
  }
}
