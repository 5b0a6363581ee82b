package io.coxswain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.coxswain.network.ServiceRange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Sends test traffic to Services, and only where the safety rule allows: every address is checked
 * to route locally ({@code ip route get} says {@code local}) before the first packet goes to it.
 */
public final class ServiceTraffic {
  private ServiceTraffic() {}

  /** The ready addresses of a Service's Endpoints (none while it has no Endpoints object). */
  public static java.util.List<String> readyAddresses(Http api, String namespace, String service) {
    Http.Reply reply = api.get("/api/v1/namespaces/" + namespace + "/endpoints/" + service);
    java.util.List<String> ips = new java.util.ArrayList<>();
    if (reply.code() == 200) {
      for (com.fasterxml.jackson.databind.JsonNode subset : reply.json().path("subsets")) {
        subset.path("addresses").forEach(a -> ips.add(a.get("ip").asText()));
      }
    }
    return ips;
  }

  /** Fails the test unless a packet to {@code address} stays on this machine. */
  public static void requireLocal(String address) {
    assertThat(ServiceRange.routesLocally(address))
        .as("ip route get %s must say local before any packet is sent: %s", address,
            ServiceRange.describeRoute(address)).isTrue();
  }

  /**
   * Fails the test unless {@code address} is on this machine: local, or a pod address on one of
   * this host's bridges (a directly attached route, no gateway).
   */
  public static void requireOnThisMachine(String address) {
    String route = ServiceRange.describeRoute(address);
    boolean bridged = route.startsWith(address + " dev br-") && !route.contains(" via ");
    assertThat(ServiceRange.routesLocally(address) || bridged)
        .as("%s must be local or on a bridge of this host before any packet is sent: %s", address, route).isTrue();
  }

  /**
   * One HTTP/1.0 GET of {@code /} on a new connection (so each request is balanced anew), bounded
   * to 2 s to connect and 5 s to read; the body, trimmed.
   *
   * @throws IOException a refused or timed-out connection
   */
  public static String get(String address, int port) throws IOException {
    requireLocal(address);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET / HTTP/1.0\r\nHost: " + address + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int body = response.indexOf("\r\n\r\n");
      if (!response.startsWith("HTTP/1.") || !response.split(" ", 3)[1].equals("200") || body < 0) {
        throw new IOException("not a 200: " + response);
      }
      return response.substring(body + 4).strip();
    }
  }

  /** One HTTP response: status code, headers (names lower-cased) and body. */
  public record Response(int status, java.util.Map<String, String> headers, String body) {}

  /**
   * One HTTP/1.0 request on a new connection (so each one is balanced anew), bounded to 2 s to
   * connect and 10 s to answer. {@code form} is sent as an urlencoded body when not null.
   *
   * @throws java.net.ConnectException the connection was refused (nothing reached a server)
   * @throws IOException               anything else that went wrong on the way
   */
  public static Response exchange(String address, int port, String method, String path, String form)
      throws IOException {
    requireLocal(address);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
      socket.setSoTimeout(10_000);
      byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
      String head = method + " " + path + " HTTP/1.0\r\nHost: " + address + "\r\n"
          + (form == null ? "" : "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
              + body.length + "\r\n") + "\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      if (!response.startsWith("HTTP/1.") || end < 0) {
        throw new IOException("not an HTTP response: " + response);
      }
      String[] lines = response.substring(0, end).split("\r\n");
      java.util.Map<String, String> headers = new java.util.HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
              lines[i].substring(colon + 1).strip());
        }
      }
      return new Response(Integer.parseInt(lines[0].split(" ", 3)[1]), headers, response.substring(end + 4));
    }
  }

  /** Runs a command in a container and returns what it printed (stdout and stderr), bounded to 20 s. */
  public static String exec(DockerClient docker, String containerId, String... command) throws InterruptedException {
    String exec = docker.execCreateCmd(containerId).withCmd(command).withAttachStdout(true).withAttachStderr(true)
        .exec().getId();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    ResultCallback.Adapter<Frame> callback = docker.execStartCmd(exec).exec(new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame frame) {
        output.writeBytes(frame.getPayload());
      }
    });
    assertThat(callback.awaitCompletion(20, TimeUnit.SECONDS)).as("exec %s ended", String.join(" ", command)).isTrue();
    return output.toString(StandardCharsets.UTF_8);
  }


  /** What a request loop saw: the body of each good answer counted, every failure, the requests sent. */
  public record Loop(java.util.Map<String, Integer> answers, java.util.List<String> failures, int requests) {}

  /**
   * GETs {@code path} on new connections, one after another, until {@code done} has completed
   * and at least {@code minimum} were sent (bounded: {@code limit} and 200,000 requests). A good
   * answer is 200 with a body among {@code expected}; anything else — refused, reset, timed out,
   * another status or body — is a failure, with no retry.
   */
  public static Loop requestsUntil(String address, int port, String path, java.util.Set<String> expected,
      java.util.concurrent.Future<?> done, int minimum, java.time.Duration limit) {
    java.util.Map<String, Integer> answers = new java.util.TreeMap<>();
    java.util.List<String> failures = new java.util.ArrayList<>();
    int requests = 0;
    long deadline = System.nanoTime() + limit.toNanos();
    while ((requests < minimum || !done.isDone()) && System.nanoTime() < deadline && requests < 200_000) {
      try {
        Response response = exchange(address, port, "GET", path, null);
        String body = response.body().trim();
        if (response.status() != 200 || !expected.contains(body)) {
          failures.add(requests + ": HTTP " + response.status() + " " + body);
        } else {
          answers.merge(body, 1, Integer::sum);
        }
      } catch (IOException e) {
        failures.add(requests + " at " + java.time.LocalTime.now() + ": " + e);
      }
      requests++;
    }
    return new Loop(answers, failures, requests);
  }
}
