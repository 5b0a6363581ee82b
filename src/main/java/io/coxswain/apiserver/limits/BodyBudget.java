package io.coxswain.apiserver.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of request bodies held in memory, across all requests and per client address. A body is
 * reserved before it is read (its Content-Length, or the size limit when it is chunked) and
 * released once the request is served. Past either budget a big body is refused (429) before a
 * byte of it is read; bodies up to {@code smallBodyBytes} always pass, so that ordinary creates
 * keep working while big uploads are turned away. Without this, 300 uploads of 3 MiB each held
 * open by slow senders exhaust the heap.
 */
public final class BodyBudget {
  private final long total;
  private final long perClient;
  private final long small;
  private final AtomicLong used = new AtomicLong();
  private final ConcurrentHashMap<String, AtomicLong> byClient = new ConcurrentHashMap<>();

  public BodyBudget(long total, long perClient, long small) {
    this.total = total;
    this.perClient = perClient;
    this.small = small;
  }

  /** A reservation of {@code bytes} for {@code client}, or null when it does not fit. Release it once. */
  public Reservation tryReserve(String client, long bytes) {
    AtomicLong mine = byClient.computeIfAbsent(client, c -> new AtomicLong());
    boolean always = bytes <= small;
    long afterTotal = used.addAndGet(bytes);
    long afterMine = mine.addAndGet(bytes);
    if (!always && (afterTotal > total || afterMine > perClient)) {
      used.addAndGet(-bytes);
      release(client, mine, bytes);
      return null;
    }
    return new Reservation(this, client, mine, bytes);
  }

  private void release(String client, AtomicLong mine, long bytes) {
    if (mine.addAndGet(-bytes) == 0) {
      byClient.remove(client, mine); // a later reservation re-creates it; a racing one keeps counting on
    }
  }

  /** Bytes reserved now, across all clients. */
  public long used() {
    return used.get();
  }

  /** Bytes reserved for one request's body. */
  public static final class Reservation {
    private final BodyBudget budget;
    private final String client;
    private final AtomicLong mine;
    private final long bytes;
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();

    private Reservation(BodyBudget budget, String client, AtomicLong mine, long bytes) {
      this.budget = budget;
      this.client = client;
      this.mine = mine;
      this.bytes = bytes;
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        budget.used.addAndGet(-bytes);
        budget.release(client, mine, bytes);
      }
    }
  }
}
