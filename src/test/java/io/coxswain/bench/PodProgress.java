package io.coxswain.bench;

import io.coxswain.api.core.Pod;
import io.coxswain.store.ChangeType;
import io.coxswain.store.WatchEvent;
import java.util.HashSet;
import java.util.Set;

/**
 * How far a set of pods has come — created, bound, Running — followed from the watch, one event
 * at a time, with the moment each stage was reached by all of them. Reading the whole cache
 * repeatedly instead would itself load the machine being measured.
 */
final class PodProgress {
  private final int target;
  private final long startNanos;
  private final Set<String> created = new HashSet<>();
  private final Set<String> bound = new HashSet<>();
  private final Set<String> running = new HashSet<>();
  private long allCreatedAt;
  private long allBoundAt;
  private long allRunningAt;

  PodProgress(int target, long startNanos) {
    this.target = target;
    this.startNanos = startNanos;
  }

  synchronized void on(WatchEvent event) {
    if (!(event.object() instanceof Pod pod)) {
      return;
    }
    String name = pod.metadata().name();
    if (event.type() == ChangeType.DELETED) {
      created.remove(name);
      bound.remove(name);
      running.remove(name);
      return;
    }
    long now = System.nanoTime();
    created.add(name);
    if (pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty()) {
      bound.add(name);
    }
    if (pod.status() != null && "Running".equals(pod.status().phase())) {
      running.add(name);
    }
    allCreatedAt = allCreatedAt == 0 && created.size() >= target ? now : allCreatedAt;
    allBoundAt = allBoundAt == 0 && bound.size() >= target ? now : allBoundAt;
    if (allRunningAt == 0 && running.size() >= target) {
      allRunningAt = now;
      notifyAll();
    }
  }

  /** Waits until every pod is Running or the deadline passes; true when they all are. */
  synchronized boolean awaitRunning(long deadlineNanos, long reportEveryNanos) throws InterruptedException {
    long nextReport = System.nanoTime() + reportEveryNanos;
    while (allRunningAt == 0) {
      long now = System.nanoTime();
      if (now >= deadlineNanos) {
        return false;
      }
      if (now >= nextReport) {
        System.out.println("  " + this);
        nextReport = now + reportEveryNanos;
      }
      long waitNanos = Math.min(deadlineNanos, nextReport) - now;
      wait(Math.max(1, waitNanos / 1_000_000));
    }
    return true;
  }

  synchronized double secondsToCreated() {
    return (allCreatedAt - startNanos) / 1e9;
  }

  synchronized double secondsToBound() {
    return (allBoundAt - startNanos) / 1e9;
  }

  synchronized double secondsToRunning() {
    return (allRunningAt - startNanos) / 1e9;
  }

  @Override
  public synchronized String toString() {
    return String.format("%5.1f s: %d created, %d bound, %d running", (System.nanoTime() - startNanos) / 1e9,
        created.size(), bound.size(), running.size());
  }
}
