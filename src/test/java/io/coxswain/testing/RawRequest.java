package io.coxswain.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 written byte for byte on a socket to the loopback API: for requests no client library
 * would send (dot segments left in, unknown methods, lying Content-Lengths, bodies cut short).
 */
public final class RawRequest {
  private RawRequest() {}

  /** A response as read off the socket: status code, header block and body (de-chunked). */
  public record Response(int code, String headers, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public boolean header(String name, String value) {
      return headers.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT) + ": "
          + value.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Sends {@code head} (request line and headers, without the blank line) with {@code Host} and
   * {@code Connection: close} added, then the body as given, and reads until the server closes.
   *
   * @param halfClose shut the sending side after the body (a client that hangs up mid-body)
   */
  public static Response send(String baseUrl, String head, byte[] body, boolean halfClose) throws IOException {
    URI base = URI.create(baseUrl);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      if (halfClose) {
        socket.shutdownOutput();
      }
      return parse(readAll(socket.getInputStream()));
    }
  }

  /** As {@link #send}, with Content-Length set from the body. */
  public static Response send(String baseUrl, String requestLine, String contentType, byte[] body) throws IOException {
    String head = requestLine + (contentType == null ? "" : "\r\nContent-Type: " + contentType)
        + "\r\nContent-Length: " + body.length;
    return send(baseUrl, head, body, false);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        bytes.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new IOException("no complete answer within 20 s; got: " + bytes, e);
    }
    return bytes.toByteArray();
  }

  static Response parse(byte[] raw) throws IOException {
    String all = new String(raw, StandardCharsets.ISO_8859_1);
    int end = all.indexOf("\r\n\r\n");
    if (!all.startsWith("HTTP/1.1 ") || end < 0) {
      throw new IOException("not an HTTP response: " + all);
    }
    String headers = all.substring(0, end);
    int code = Integer.parseInt(all.substring(9, 12));
    byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
    if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
      body = dechunk(body);
    }
    return new Response(code, headers, body);
  }

  private static byte[] dechunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < chunked.length) {
      int lineEnd = indexOf(chunked, i);
      int size = Integer.parseInt(new String(chunked, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, lineEnd + 2, size);
      i = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }
}
