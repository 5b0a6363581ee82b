package io.coxswain.apiserver.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open connections of one API server and the timeouts on them. Opening one past
 * {@code maxConnections} closes the connection idle the longest (or, with none idle, the one
 * slowest to send its headers); when every connection is busy the newcomer is refused. A sweep
 * closes connections idle past the idle timeout and requests whose headers are not complete within
 * the header timeout, as Go's HTTP server does for Kubernetes. Busy and streaming connections are
 * left to the request's own timeouts. Times are {@link System#nanoTime()} values.
 */
public final class Connections {
  private final int maxConnections;
  private final long idleNanos;
  private final long headerNanos;
  private final ConcurrentHashMap<Long, Connection> open = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();
  private volatile boolean draining;

  public Connections(int maxConnections, Duration idleTimeout, Duration headerTimeout) {
    this.maxConnections = maxConnections;
    this.idleNanos = idleTimeout.toNanos();
    this.headerNanos = headerTimeout.toNanos();
  }

  /**
   * Registers a new connection from {@code client}, making room when at the limit; empty when it
   * must be refused (every open connection is busy).
   */
  public Optional<Connection> open(String client, long now) {
    if (draining) {
      refused.incrementAndGet();
      return Optional.empty();
    }
    while (open.size() >= maxConnections) {
      Optional<Connection> victim = leastUseful();
      if (victim.isEmpty()) {
        refused.incrementAndGet();
        return Optional.empty();
      }
      if (open.remove(victim.get().id()) != null) {
        evicted.incrementAndGet();
        victim.get().close();
      }
    }
    Connection connection = new Connection(ids.incrementAndGet(), client, now);
    open.put(connection.id(), connection);
    return Optional.of(connection);
  }

  /** The connection has ended (by either side): it leaves the count and lets go of what it held. */
  public void closed(Connection connection) {
    open.remove(connection.id());
    connection.terminated();
  }

  /** The server is stopping: every new connection is refused from now on. */
  public void drain() {
    draining = true;
  }

  /** Closes every open connection (the server is stopping). */
  public void closeAll() {
    for (Connection c : List.copyOf(open.values())) {
      open.remove(c.id());
      c.close();
    }
  }

  /** Closes the open connections not in {@code phase} (the server is stopping; busy ones may finish). */
  public void closeAllBut(Connection.Phase phase) {
    for (Connection c : List.copyOf(open.values())) {
      if (c.phase() != phase) {
        open.remove(c.id());
        c.close();
      }
    }
  }

  /** Open connections in {@code phase} now. */
  public long count(Connection.Phase phase) {
    return open.values().stream().filter(c -> c.phase() == phase).count();
  }

  /** The idle connection waiting longest, else the header-sending one slowest so far. */
  private Optional<Connection> leastUseful() {
    Comparator<Connection> oldest = Comparator.comparingLong(Connection::since);
    Optional<Connection> idle = open.values().stream().filter(c -> c.phase() == Connection.Phase.IDLE).min(oldest);
    return idle.isPresent() ? idle
        : open.values().stream().filter(c -> c.phase() == Connection.Phase.HEADER).min(oldest);
  }

  /** Closes the connections past their idle or header timeout; returns how many. */
  public int sweep(long now) {
    List<Connection> expired = new ArrayList<>();
    for (Connection c : open.values()) {
      Connection.Phase phase = c.phase();
      long waited = now - c.since();
      if ((phase == Connection.Phase.IDLE && waited > idleNanos)
          || (phase == Connection.Phase.HEADER && waited > headerNanos)) {
        expired.add(c);
      }
    }
    for (Connection c : expired) {
      if (open.remove(c.id()) != null) {
        timedOut.incrementAndGet();
        c.close();
      }
    }
    return expired.size();
  }

  public int size() {
    return open.size();
  }

  /** Counters since start: connections refused at the limit, closed to make room, closed by a timeout. */
  public record Counts(int open, long refused, long evicted, long timedOut) {}

  public Counts counts() {
    return new Counts(open.size(), refused.get(), evicted.get(), timedOut.get());
  }
}
