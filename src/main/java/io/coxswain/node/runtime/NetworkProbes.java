package io.coxswain.node.runtime;

import io.coxswain.api.core.HTTPGetAction;
import io.coxswain.api.core.HTTPHeader;
import io.coxswain.api.core.Probe;
import io.coxswain.api.core.TCPSocketAction;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * The httpGet and tcpSocket probe handlers, run from the node against the pod's address, as the
 * kubelet does (grpc is {@link GrpcProbes}). Runtime-independent: any runtime whose pods have
 * reachable addresses uses these and only implements exec itself. Named ports must already be
 * resolved to numbers.
 */
public final class NetworkProbes {
  private NetworkProbes() {}

  /** Kubernetes' default probe timeout is one second. */
  public static int timeoutMillis(Probe probe) {
    int seconds = probe.timeoutSeconds() == null || probe.timeoutSeconds() < 1 ? 1 : probe.timeoutSeconds();
    return seconds * 1000;
  }

  /** Success is an HTTP status from 200 to 399; anything else, or no answer in time, fails (with the kubelet's words). */
  public static ProbeResult httpGet(String podIp, HTTPGetAction action, int timeoutMillis) {
    return httpGet(podIp, action, timeoutMillis, false);
  }

  /**
   * @param anyAnswer a lifecycle hook's request: any HTTP answer succeeds (the kubelet discards
   *     it); only no answer in time fails
   */
  public static ProbeResult httpGet(String podIp, HTTPGetAction action, int timeoutMillis, boolean anyAnswer) {
    String host = action.host() == null || action.host().isEmpty() ? podIp : action.host();
    String scheme = action.scheme() == null ? "http" : action.scheme().toLowerCase(java.util.Locale.ROOT);
    String path = action.path() == null || action.path().isEmpty() ? "/" : action.path();
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    HttpURLConnection connection = null;
    URI uri = null;
    try {
      uri = new URI(scheme, null, host, action.port().intOrZero(), null, null, null).resolve(path);
      connection = (HttpURLConnection) uri.toURL().openConnection(java.net.Proxy.NO_PROXY);
      connection.setConnectTimeout(timeoutMillis);
      connection.setReadTimeout(timeoutMillis);
      connection.setInstanceFollowRedirects(false);
      connection.setRequestProperty("User-Agent", "coxswain-probe/1");
      for (HTTPHeader header : action.httpHeaders()) {
        connection.setRequestProperty(header.name(), header.value());
      }
      int code = connection.getResponseCode();
      drain(connection);
      if (anyAnswer ? code > 0 : code >= 200 && code < 400) {
        return ProbeResult.SUCCESS;
      }
      return ProbeResult.failure("HTTP probe failed with statuscode: " + code);
    } catch (Exception e) {
      return ProbeResult.failure("Get \"" + uri + "\": " + dialError(host, action.port().intOrZero(), e));
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  /** Success is an accepted TCP connection. */
  public static ProbeResult tcpSocket(String podIp, TCPSocketAction action, int timeoutMillis) {
    String host = action.host() == null || action.host().isEmpty() ? podIp : action.host();
    try (Socket socket = new Socket(java.net.Proxy.NO_PROXY)) {
      socket.connect(new InetSocketAddress(host, action.port().intOrZero()), timeoutMillis);
      return ProbeResult.SUCCESS;
    } catch (IOException e) {
      return ProbeResult.failure(dialError(host, action.port().intOrZero(), e));
    }
  }

  /** A failed connection as Go's dialer words it: {@code dial tcp 10.244.1.5:80: connect: connection refused}. */
  static String dialError(String host, int port, Exception e) {
    String address = "dial tcp " + host + ":" + port + ": ";
    if (e instanceof java.net.ConnectException) {
      return address + "connect: connection refused";
    }
    if (e instanceof java.net.SocketTimeoutException) {
      return address + "i/o timeout";
    }
    if (e instanceof java.net.NoRouteToHostException) {
      return address + "connect: no route to host";
    }
    return address + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  private static void drain(HttpURLConnection connection) {
    try (InputStream body = connection.getErrorStream() != null ? connection.getErrorStream()
        : connection.getInputStream()) {
      if (body != null) {
        body.readNBytes(10 * 1024); // the kubelet reads (and ignores) at most 10 KiB
      }
    } catch (IOException ignored) {
      // the status code already decided
    }
  }
}
