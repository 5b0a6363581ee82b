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
  private Runnable held;

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

  /** A request's headers are complete; its body and handling follow. */
  public synchronized void requestStarted(long now) {
    phase = Phase.BUSY;
    since = now;
  }

  /** The response is a stream that runs as long as the request (a watch, a followed log). */
  public synchronized void streaming(long now) {
    phase = Phase.STREAMING;
    since = now;
  }

  /** The response has been handed over completely; the connection waits for the next request. */
  public synchronized void responded(long now) {
    phase = Phase.IDLE;
    since = now;
  }

  /** How the connection is closed from outside (set once its stream runs). */
  public synchronized void closeWith(Runnable closer) {
    this.closer = closer;
    if (closed) {
      closer.run();
    }
  }

  /**
   * What the current request holds (its seat, its body's reservation): let go when the request
   * is done, or when the connection ends first. Replaces what an earlier request left.
   */
  public void hold(Runnable release) {
    boolean now;
    synchronized (this) {
      now = terminated;
      if (!now) {
        held = release;
      }
    }
    if (now) {
      release.run();
    }
  }

  /** Lets go of what the current request holds (idempotent). */
  public void releaseHeld() {
    Runnable release;
    synchronized (this) {
      release = held;
      held = null;
    }
    if (release != null) {
      release.run();
    }
  }

  /** The connection's stream has ended: whatever a request still holds is let go. */
  void terminated() {
    synchronized (this) {
      terminated = true;
      closed = true;
    }
    releaseHeld();
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
