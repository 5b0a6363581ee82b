package io.coxswain.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal keep-alive HTTP/1.1 client for load generation: one socket, one request at a time,
 * Content-Length and chunked responses. The JDK's HttpClient costs about as much CPU per request
 * as the server does, which on a 2-core machine would measure the client rather than the server.
 */
final class RawHttpClient implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final String host;

  RawHttpClient(String baseUrl) throws IOException {
    URI uri = URI.create(baseUrl);
    this.host = uri.getHost() + ":" + uri.getPort();
    this.socket = new Socket(uri.getHost(), uri.getPort());
    socket.setTcpNoDelay(true);
    this.out = socket.getOutputStream();
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
  }

  /** Sends the request and reads the whole response; returns the status code. */
  int send(String method, String path, String contentType, byte[] body) throws IOException {
    writeRequest(method, path, contentType, body);
    return readResponse(null);
  }

  /** Sends the request and returns the response body (Content-Length responses), whatever the status. */
  String sendForBody(String method, String path, String contentType, byte[] body) throws IOException {
    writeRequest(method, path, contentType, body);
    StringBuilder text = new StringBuilder();
    readResponse(text);
    return text.toString();
  }

  private void writeRequest(String method, String path, String contentType, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
        .append(host).append("\r\nAccept: application/json\r\n");
    if (body != null) {
      head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    if (body != null) {
      out.write(body);
    }
    out.flush();
  }

  private int readResponse(StringBuilder body) throws IOException {
    String status = readLine();
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(line.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(readLine().trim(), 16); size > 0; size = Long.parseLong(readLine().trim(), 16)) {
        skip(size);
        readLine();
      }
      readLine();
    } else if (length > 0 && body != null) {
      body.append(new String(in.readNBytes((int) length), StandardCharsets.UTF_8));
    } else if (length > 0) {
      skip(length);
    }
    return code;
  }

  private void skip(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException("connection closed mid-response");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
