package io.coxswain.network;

import io.coxswain.store.CacheView;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;

/**
 * A node's DNS server: {@link ClusterDns} on UDP and TCP port 53 of one address of this host (the
 * node's address on its pod network, which its pods reach through the {@code kube-dns} Service).
 * One thread per transport; a query is answered from the cache as it is at that moment. UDP
 * answers are cut to what the client can take (512 bytes, or its EDNS size) with the TC bit set,
 * so it asks again over TCP. A malformed datagram is dropped, as DNS servers do.
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
  private static final int MAX_TCP_MESSAGE = 65_535;
  private static final int TCP_WORKERS = 8;
  private static final int TCP_QUEUE = 64;

  private final ClusterDns dns;
  private final Supplier<CacheView> view;
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final java.util.concurrent.ThreadPoolExecutor tcpWorkers = new java.util.concurrent.ThreadPoolExecutor(
      TCP_WORKERS, TCP_WORKERS, 30, java.util.concurrent.TimeUnit.SECONDS,
      new java.util.concurrent.ArrayBlockingQueue<>(TCP_QUEUE), runnable -> thread("coxswain-dns-tcp-conn", runnable));
  private volatile boolean closed;

  private DnsServer(ClusterDns dns, Supplier<CacheView> view, DatagramSocket udp, ServerSocket tcp) {
    this.dns = dns;
    this.view = view;
    this.udp = udp;
    this.tcp = tcp;
    tcpWorkers.allowCoreThreadTimeOut(true);
  }

  /**
   * Binds {@code address:port} on UDP and TCP and starts answering.
   *
   * @throws IOException when either cannot be bound (the port is taken, or not root for port 53)
   */
  public static DnsServer start(ClusterDns dns, Supplier<CacheView> view, InetAddress address, int port)
      throws IOException {
    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port));
    ServerSocket tcp;
    try {
      tcp = new ServerSocket();
      tcp.setReuseAddress(true);
      tcp.bind(new InetSocketAddress(address, udp.getLocalPort()), 64);
    } catch (IOException e) {
      udp.close();
      throw e;
    }
    DnsServer server = new DnsServer(dns, view, udp, tcp);
    thread("coxswain-dns-udp", server::serveUdp).start();
    thread("coxswain-dns-tcp", server::serveTcp).start();
    return server;
  }

  /** The port both transports listen on (the one asked for, or the one chosen for port 0). */
  public int port() {
    return udp.getLocalPort();
  }

  private static Thread thread(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  private void serveUdp() {
    byte[] buffer = new byte[4096];
    while (!closed) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        OPTRecord opt = query.getOPT();
        int limit = opt == null ? 512 : Math.max(512, Math.min(opt.getPayloadSize(), 4096));
        Message response = dns.answer(query, view.get());
        if (opt != null) {
          response.addRecord(new OPTRecord(4096, 0, 0), org.xbill.DNS.Section.ADDITIONAL);
        }
        byte[] wire = response.toWire(limit);
        udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
      } catch (SocketException e) {
        if (!closed) {
          log.warn("DNS over UDP stopped: {}", e.getMessage());
        }
        return;
      } catch (IOException | RuntimeException e) {
        log.debug("DNS query over UDP dropped: {}", e.toString());
      }
    }
  }

  /**
   * Accepts TCP connections and answers each on a pool of {@value #TCP_WORKERS} threads, so a client
   * that holds a connection open does not stall the others; connections beyond the pool and its
   * queue are closed at once (the client retries), so an idle crowd cannot exhaust the node.
   */
  private void serveTcp() {
    while (!closed) {
      Socket socket;
      try {
        socket = tcp.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("DNS over TCP stopped: {}", e.getMessage());
        }
        return;
      }
      try {
        tcpWorkers.execute(() -> serveConnection(socket));
      } catch (java.util.concurrent.RejectedExecutionException busy) {
        closeQuietly(socket);
      }
    }
  }

  private void serveConnection(Socket socket) {
    try (socket) {
      socket.setSoTimeout(2_000);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      // A client may send several queries on one connection; each is length-prefixed.
      for (int i = 0; i < 100; i++) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (IOException endOfQueries) {
          break;
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
          break;
        }
        byte[] wire = dns.answer(new Message(bytes), view.get()).toWire(MAX_TCP_MESSAGE);
        out.writeShort(wire.length);
        out.write(wire);
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      log.debug("DNS query over TCP dropped: {}", e.toString());
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing more to do for a connection we turn away
    }
  }

  @Override
  public void close() {
    closed = true;
    tcpWorkers.shutdownNow();
    udp.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
