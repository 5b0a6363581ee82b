package io.coxswain.apiserver.limits;

/**
 * One client connection as the limits see it: what it is doing and since when (nanoTime).
 * Requests on a connection are served one at a time (no pipelining), so one phase describes it.
 * Thread-safe: the connection's stream stages and the sweeper both call in.
 */
public final class Connection {
  /** What a connection is doing. */
  public enum Phase {
    /** Between requests: closed after the idle timeout, or first when room is needed. */
    IDLE,
    /** Bytes of a request arrived, its headers are not complete: closed after the header timeout. */
    HEADER,
    /** A request is being read or served; its own timeouts apply. */
    BUSY,
    /** A watch or a log follow: open as long as the request runs. */
    STREAMING
  }

  private final long id;
  private final String client;
  private Phase phase = Phase.IDLE;
  private long since;
  private Runnable closer = () -> { };
  private boolean closed;
  private boolean terminated;
  /** The number of the request being served (requests are numbered per connection from 1). */
  private long current;
  /**
   * What requests hold, by request number. A response's end is seen a little after the client
   * may send its next request, so the end of request n can come after the start of n+1.
   */
  private final java.util.Map<Long, Runnable> held = new java.util.HashMap<>();

  Connection(long id, String client, long now) {
    this.id = id;
    this.client = client;
    this.since = now;
  }

  public long id() {
    return id;
  }

  /** The client's address (without port): the key of per-client budgets. */
  public String client() {
    return client;
  }

  public synchronized Phase phase() {
    return phase;
  }

  synchronized long since() {
    return since;
  }

  /** Bytes came in: on an idle connection they are the start of the next request's headers. */
  public synchronized void bytesIn(long now) {
    if (phase == Phase.IDLE) {
      phase = Phase.HEADER;
      since = now;
    }
  }

  /** A request's headers are complete; its body and handling follow. Returns the request's number. */
  public synchronized long requestStarted(long now) {
    phase = Phase.BUSY;
    since = now;
    return ++current;
  }

  /** Request {@code request}'s response is a stream that runs as long as it (a watch, a followed log). */
  public synchronized void streaming(long request, long now) {
    if (request == current) {
      phase = Phase.STREAMING;
      since = now;
    }
  }

  /**
   * Request {@code request}'s response has been handed over completely; unless a later request
   * has started meanwhile, the connection now waits for the next one.
   */
  public synchronized void responded(long request, long now) {
    if (request == current) {
      phase = Phase.IDLE;
      since = now;
    }
  }

  /** How the connection is closed from outside (set once its stream runs). */
  public synchronized void closeWith(Runnable closer) {
    this.closer = closer;
    if (closed) {
      closer.run();
    }
  }

  /**
   * What request {@code request} holds (its seat): let go by {@link #releaseHeld(long)}, or when
   * the connection ends first (at once if it already has).
   */
  public void hold(long request, Runnable release) {
    boolean now;
    synchronized (this) {
      now = terminated;
      if (!now) {
        held.put(request, release);
      }
    }
    if (now) {
      release.run();
    }
  }

  /** Lets go of what request {@code request} holds (idempotent). */
  public void releaseHeld(long request) {
    Runnable release;
    synchronized (this) {
      release = held.remove(request);
    }
    if (release != null) {
      release.run();
    }
  }

  /** The connection's stream has ended: whatever a request still holds is let go. */
  void terminated() {
    java.util.List<Runnable> releases;
    synchronized (this) {
      terminated = true;
      closed = true;
      releases = java.util.List.copyOf(held.values());
      held.clear();
    }
    releases.forEach(Runnable::run);
  }

  /** Closes the connection (idempotent). */
  public void close() {
    Runnable run;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      run = closer;
    }
    run.run();
  }
}
