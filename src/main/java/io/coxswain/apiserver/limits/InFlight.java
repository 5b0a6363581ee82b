package io.coxswain.apiserver.limits;

import java.util.concurrent.Semaphore;

/**
 * Kubernetes' max-in-flight filter: seats for read-only requests, for mutating requests, and for
 * long-running ones (watches, followed logs) counted apart so that they cannot crowd out short
 * requests. A request without a seat is answered 429 at once; nothing queues.
 */
public final class InFlight {
  /** What a request is, for the seat it needs. */
  public enum Kind { READ_ONLY, MUTATING, LONG_RUNNING }

  /** A taken seat; released exactly once. */
  public interface Seat {
    void release();
  }

  private final Semaphore readOnly;
  private final Semaphore mutating;
  private final Semaphore longRunning;
  private final int[] limits;

  public InFlight(int maxReadOnly, int maxMutating, int maxLongRunning) {
    this.readOnly = new Semaphore(maxReadOnly);
    this.mutating = new Semaphore(maxMutating);
    this.longRunning = new Semaphore(maxLongRunning);
    this.limits = new int[] {maxReadOnly, maxMutating, maxLongRunning};
  }

  /** Seats of this kind taken now. */
  public int inUse(Kind kind) {
    return switch (kind) {
      case READ_ONLY -> limits[0] - readOnly.availablePermits();
      case MUTATING -> limits[1] - mutating.availablePermits();
      case LONG_RUNNING -> limits[2] - longRunning.availablePermits();
    };
  }

  /** A seat of this kind, or null when all are taken. */
  public Seat tryAcquire(Kind kind) {
    Semaphore seats = switch (kind) {
      case READ_ONLY -> readOnly;
      case MUTATING -> mutating;
      case LONG_RUNNING -> longRunning;
    };
    if (!seats.tryAcquire()) {
      return null;
    }
    java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        seats.release();
      }
    };
  }
}
