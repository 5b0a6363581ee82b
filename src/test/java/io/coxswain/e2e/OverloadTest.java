package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The API's limits against real sockets, with limits small enough to reach: idle and half-sent
 * connections are closed while quiet watches stay; past the connection cap idle connections make
 * room for new clients; big bodies past the memory budget get 429 before they are read while small
 * creates still pass; slow bodies get 408; watches past their seats get 429 and a hung-up watch
 * gives its seat back.
 */
@Tag("integration")
class OverloadTest {
  private static TestNode node;
  private static Http http;
  private final List<Socket> sockets = new ArrayList<>();

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of(
        "coxswain.api.limits.idle-timeout", "2s",
        "coxswain.api.limits.header-timeout", "2s",
        "coxswain.api.limits.body-timeout", "2s",
        "coxswain.api.limits.max-connections", 30,
        "coxswain.api.limits.max-long-running-requests", 3,
        "coxswain.api.limits.body-bytes", "4MiB",
        "coxswain.api.limits.body-bytes-per-client", "4MiB",
        "coxswain.scheduler.enabled", false, "coxswain.controllers.enabled", false));
    http = new Http(node.url());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @AfterEach
  void closeSockets() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
  }

  private Socket connect() throws IOException {
    URI base = URI.create(node.url());
    Socket socket = new Socket(base.getHost(), base.getPort());
    sockets.add(socket);
    return socket;
  }

  private Socket send(String text) throws IOException {
    Socket socket = connect();
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return socket;
  }

  /** True once the server has closed the socket (end of stream); false while it stays open. */
  private static boolean closedByServer(Socket socket) {
    try {
      socket.setSoTimeout(50);
      InputStream in = socket.getInputStream();
      while (true) {
        int b = in.read();
        if (b < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException open) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  /** Reads up to the end of the response head. */
  private static String head(Socket socket) throws IOException {
    socket.setSoTimeout(10_000);
    StringBuilder head = new StringBuilder();
    InputStream in = socket.getInputStream();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  private Socket watch() throws IOException {
    return send("GET /api/v1/namespaces/default/configmaps?watch=1 HTTP/1.1\r\nHost: x\r\n\r\n");
  }

  @Test
  void idleAndHalfSentConnectionsAreClosedButQuietWatchesStay() throws IOException {
    Socket quietWatch = watch();
    assertThat(head(quietWatch)).startsWith("HTTP/1.1 200");
    Socket idle = connect();
    Socket halfSent = send("GET /api/v1/namespaces HTTP/1.1\r\nHost:");
    await().atMost(Duration.ofSeconds(15)).until(() -> closedByServer(idle) && closedByServer(halfSent));
    // Both were closed after at least 2 s of silence; the watch was as silent and must still deliver.
    assertThat(http.post("/api/v1/namespaces/default/configmaps", "application/json",
        "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"after-idle\"}}").code()).isEqualTo(201);
    quietWatch.setSoTimeout(10_000);
    byte[] event = new byte[200];
    int n = quietWatch.getInputStream().read(event);
    assertThat(new String(event, 0, Math.max(n, 0), StandardCharsets.UTF_8)).contains("ADDED");
  }

  @Test
  void pastTheConnectionCapIdleConnectionsMakeRoom() throws IOException {
    List<Socket> flood = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      flood.add(connect());
    }
    for (int i = 0; i < 20; i++) {
      assertThat(http.get("/api/v1/namespaces/default/configmaps").code()).isEqualTo(200);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> flood.stream().filter(OverloadTest::closedByServer).count() >= 30);
  }

  @Test
  void bigBodiesPastTheBudgetAre429BeforeTheyAreReadAndSlowOnes408() throws IOException {
    String slowHead = "POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: 3000000\r\n\r\n{\"kind\":\"ConfigMap\"";
    Socket first = send(slowHead);
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      // The budget holds one such body; a second is refused once the first is admitted.
      Socket second = send(slowHead);
      String answer = head(second);
      return answer.startsWith("HTTP/1.1 429") && answer.contains("Retry-After: 1") && answer.contains("close");
    });
    assertThat(http.post("/api/v1/namespaces/default/configmaps", "application/json",
        "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"small\"}}").code())
        .as("small bodies still pass").isEqualTo(201);
    assertThat(head(first)).startsWith("HTTP/1.1 408").contains("Connection: close");
    assertThat(http.get("/api/v1/namespaces/default/configmaps").json().get("items").toString())
        .doesNotContain("3000000");
  }

  @Test
  void aFollowedLogEndsWhenItsClientHangsUp() throws IOException {
    String node = io.coxswain.cluster.NodeSettings.defaultNodeName();
    assertThat(http.post("/api/v1/namespaces/default/pods", "application/json",
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"talker\"},\"spec\":{\"nodeName\":\"" + node
            + "\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox:1\"}]}}").code()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(20)).until(() -> http.get("/api/v1/namespaces/default/pods/talker").json()
        .at("/status/phase").asText().equals("Running"));
    Socket follow = send("GET /api/v1/namespaces/default/pods/talker/log?follow=true HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(head(follow)).startsWith("HTTP/1.1 200");
    await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/metrics").body()
        .contains("apiserver_longrunning_requests 1\n"));
    follow.close(); // the container runs on and writes nothing: only the hang-up can end the stream
    await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/metrics").body()
        .contains("apiserver_longrunning_requests 0\n"));
  }

  @Test
  void aWatchOnTheLastRequestOfAConnectionStaysOpen() throws IOException {
    // Connection: close (or HTTP/1.0): the HTTP layer stops reading, which is not the client hanging up.
    Socket watch = send("GET /api/v1/namespaces/default/configmaps?watch=1 HTTP/1.1\r\nHost: x\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(head(watch)).startsWith("HTTP/1.1 200");
    assertThat(http.post("/api/v1/namespaces/default/configmaps", "application/json",
        "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"last-request\"}}").code()).isEqualTo(201);
    watch.setSoTimeout(10_000);
    byte[] event = new byte[300];
    int n = watch.getInputStream().read(event);
    assertThat(new String(event, 0, Math.max(n, 0), StandardCharsets.UTF_8)).contains("last-request");
  }

  @Test
  void everySeatIsGivenBackAfterManyRequestsOnOneConnection() {
    for (int i = 0; i < 300; i++) {
      assertThat(http.get("/api/v1/namespaces/default/configmaps?limit=10").code()).isEqualTo(200);
      assertThat(http.post("/api/v1/namespaces/default/configmaps", "application/json",
          "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"seat-" + i + "\"}}").code())
          .isEqualTo(201);
    }
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(http.get("/metrics").body())
        .contains("apiserver_current_inflight_requests{request_kind=\"readOnly\"} 0\n") // /metrics takes no seat
        .contains("apiserver_current_inflight_requests{request_kind=\"mutating\"} 0\n")
        .contains("coxswain_request_body_bytes 0\n"));
  }

  @Test
  void watchesPastTheirSeatsAre429AndAHungUpWatchGivesItsSeatBack() throws IOException {
    List<Socket> watches = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Socket w = watch();
      assertThat(head(w)).startsWith("HTTP/1.1 200");
      watches.add(w);
    }
    String refused = head(watch());
    assertThat(refused).startsWith("HTTP/1.1 429").contains("Retry-After: 1");
    assertThat(http.get("/api/v1/namespaces/default/configmaps").code()).as("short reads have their own seats")
        .isEqualTo(200);
    watches.get(0).close();
    await().atMost(Duration.ofSeconds(10)).until(() -> head(watch()).startsWith("HTTP/1.1 200"));
  }
}
