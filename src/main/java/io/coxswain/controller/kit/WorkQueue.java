package io.coxswain.controller.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A keyed work queue in the shape of client-go's rate-limited workqueue: the object keys a
 * controller must reconcile, each at most once in the queue and never handed out twice at once.
 *
 * <ul>
 *   <li>{@link #add}: a key already waiting is not added again (many changes, one reconcile); a
 *       key being worked on is marked and queued again when {@link #done} is called for it.</li>
 *   <li>{@link #addAfter}: the key is added once the delay has passed (requeue-after); a key
 *       already waiting for a delay keeps the earlier of the two times.</li>
 *   <li>{@link #addRateLimited}: after a failure; the delay doubles per consecutive failure of the
 *       key, from {@code baseDelay} up to {@code maxDelay}, until {@link #forget}.</li>
 * </ul>
 *
 * <p>Counters: depth, adds, retries, and the wait of the last key handed out. Time comes from the
 * given clock; delayed keys become ready when {@link #take} or {@link #nextDelay} looks. Not
 * thread-safe: it belongs to one actor, which asks {@link #nextDelay} when to look again.
 *
 * @param <K> the key type (an object's namespace/name, a node name)
 */
public final class WorkQueue<K> {
  private final Clock clock;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final ArrayDeque<K> ready = new ArrayDeque<>();
  private final Map<K, Instant> waitingSince = new HashMap<>();
  private final Set<K> processing = new HashSet<>();
  /** Keys added while being worked on: queued again by {@link #done}. */
  private final Set<K> dirty = new HashSet<>();
  private final PriorityQueue<Delayed<K>> delayed = new PriorityQueue<>();
  /** The due time of each delayed key; entries of {@link #delayed} that disagree are stale. */
  private final Map<K, Instant> delayedDue = new HashMap<>();
  private final Map<K, Integer> failures = new HashMap<>();
  private long adds;
  private long retries;
  private Duration lastWait = Duration.ZERO;

  private record Delayed<K>(Instant due, long order, K key) implements Comparable<Delayed<K>> {
    @Override
    public int compareTo(Delayed<K> other) {
      int byDue = due.compareTo(other.due);
      return byDue != 0 ? byDue : Long.compare(order, other.order);
    }
  }

  private long delayedOrder;

  public WorkQueue(Clock clock, Duration baseDelay, Duration maxDelay) {
    this.clock = clock;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
  }

  /** Queues a key, unless it is already waiting; a key being worked on is queued again when done. */
  public void add(K key) {
    adds++;
    if (processing.contains(key)) {
      dirty.add(key);
    } else if (!waitingSince.containsKey(key)) {
      waitingSince.put(key, clock.instant());
      ready.addLast(key);
    }
  }

  /** Queues the key once {@code delay} has passed. */
  public void addAfter(K key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
    } else {
      Instant due = clock.instant().plus(delay);
      Instant already = delayedDue.get(key);
      if (already == null || due.isBefore(already)) {
        delayedDue.put(key, due);
        delayed.add(new Delayed<>(due, delayedOrder++, key));
      }
    }
  }

  /** Queues the key after its backoff: {@code baseDelay * 2^(failures so far)}, at most {@code maxDelay}. */
  public void addRateLimited(K key) {
    int failed = failures.merge(key, 1, Integer::sum);
    retries++;
    addAfter(key, backoff(failed));
  }

  /** The backoff for a key's {@code failed}-th consecutive failure. */
  Duration backoff(int failed) {
    Duration delay = baseDelay;
    for (int i = 1; i < failed && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /** The key succeeded: its next failure starts from the base delay again. */
  public void forget(K key) {
    failures.remove(key);
  }

  /** The next key to work on, now marked as being worked on; empty when none is ready. */
  public Optional<K> take() {
    promoteDue();
    K key = ready.pollFirst();
    if (key == null) {
      return Optional.empty();
    }
    Instant since = waitingSince.remove(key);
    lastWait = Duration.between(since, clock.instant());
    processing.add(key);
    return Optional.of(key);
  }

  /** Work on the key has ended; if it was added meanwhile, it is queued again. */
  public void done(K key) {
    processing.remove(key);
    if (dirty.remove(key)) {
      add(key);
      adds--; // the add was counted when it was marked
    }
  }

  /** How long until a delayed key is ready; empty when none is delayed. Zero when keys are ready now. */
  public Optional<Duration> nextDelay() {
    promoteDue();
    if (!ready.isEmpty()) {
      return Optional.of(Duration.ZERO);
    }
    dropStale();
    Delayed<K> next = delayed.peek();
    return next == null ? Optional.empty() : Optional.of(Duration.between(clock.instant(), next.due()));
  }

  private void promoteDue() {
    Instant now = clock.instant();
    dropStale();
    while (!delayed.isEmpty() && !delayed.peek().due().isAfter(now)) {
      K key = delayed.poll().key();
      delayedDue.remove(key);
      add(key);
      adds--; // counted as a retry or a requeue, not as a new add
      dropStale();
    }
  }

  /** Drops head entries superseded by an earlier due time for the same key. */
  private void dropStale() {
    while (!delayed.isEmpty() && !delayed.peek().due().equals(delayedDue.get(delayed.peek().key()))) {
      delayed.poll();
    }
  }

  /** Keys waiting for a delay to pass (requeue-after and backoff). */
  public int delayedCount() {
    return delayedDue.size();
  }

  /** Keys waiting to be handed out (delayed ones not counted). */
  public int depth() {
    return ready.size();
  }

  public long adds() {
    return adds;
  }

  public long retries() {
    return retries;
  }

  /** How long the last key handed out had waited in the queue. */
  public Duration lastWait() {
    return lastWait;
  }
}
