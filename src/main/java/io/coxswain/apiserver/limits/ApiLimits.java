package io.coxswain.apiserver.limits;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How much of the server one API member lends to its clients, read from {@code coxswain.api.limits}
 * (documented defaults in application.conf). In the spirit of Kubernetes' max-in-flight limits and
 * its HTTP server's timeouts: past a budget a request is answered 429 with {@code Retry-After}
 * (or its connection is closed) so that the server degrades instead of dying.
 *
 * @param maxConnections     open connections; at the limit the longest-idle one is closed for a newcomer
 * @param idleTimeout        a connection with no request for this long is closed (Kubernetes: 90 s)
 * @param headerTimeout      a request's headers must arrive within this of its first byte (Kubernetes: 32 s)
 * @param bodyTimeout        a request's body must arrive within this of its headers, else 408
 * @param maxReadOnly        read-only requests being served at once (Kubernetes' --max-requests-inflight)
 * @param maxMutating        mutating requests being served at once (--max-mutating-requests-inflight)
 * @param maxLongRunning     watches and log follows open at once, counted apart from the two above
 * @param bodyBytes          bytes of request bodies held in memory at once, across all clients
 * @param bodyBytesPerClient the same for one client address
 * @param smallBodyBytes     bodies up to this size are always admitted (they count, but are never
 *                           refused: a good client's create must not starve behind big uploads;
 *                           their total is bounded by maxConnections times this)
 */
public record ApiLimits(int maxConnections, Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout,
                        int maxReadOnly, int maxMutating, int maxLongRunning, long bodyBytes, long bodyBytesPerClient,
                        long smallBodyBytes) {

  /** The limits under {@code coxswain.api.limits}; the body budget is capped at a quarter of the heap. */
  public static ApiLimits from(Config config) {
    Config c = config.getConfig("coxswain.api.limits");
    long heapQuarter = Runtime.getRuntime().maxMemory() / 4;
    long bodies = Math.min(c.getBytes("body-bytes"), heapQuarter);
    return new ApiLimits(c.getInt("max-connections"), c.getDuration("idle-timeout"), c.getDuration("header-timeout"),
        c.getDuration("body-timeout"), c.getInt("max-requests-inflight"), c.getInt("max-mutating-requests-inflight"),
        c.getInt("max-long-running-requests"), bodies, Math.min(c.getBytes("body-bytes-per-client"), bodies),
        c.getBytes("small-body-bytes"));
  }
}
