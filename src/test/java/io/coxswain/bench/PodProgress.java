package io.coxswain.bench;

import io.coxswain.api.core.Pod;
import io.coxswain.store.ChangeType;
import io.coxswain.store.WatchEvent;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How far a set of pods has come — created, bound, Running — followed from the watch, one event
 * at a time, with the moment each stage was reached by all of them. Reading the whole cache
 * repeatedly instead would itself load the machine being measured. Events arrive on one stream
 * thread; the counts and times are published for the reporting thread through volatile fields.
 */
final class PodProgress {
  private final int target;
  private final long startNanos;
  private final Set<String> created = new HashSet<>();
  private final Set<String> bound = new HashSet<>();
  private final Set<String> running = new HashSet<>();
  private final CountDownLatch allRunning = new CountDownLatch(1);
  private volatile int createdCount;
  private volatile int boundCount;
  private volatile int runningCount;
  private volatile long allCreatedAt;
  private volatile long allBoundAt;
  private volatile long allRunningAt;

  PodProgress(int target, long startNanos) {
    this.target = target;
    this.startNanos = startNanos;
  }

  /** Called by the watch stream only, one event at a time. */
  void on(WatchEvent event) {
    if (!(event.object() instanceof Pod pod)) {
      return;
    }
    String name = pod.metadata().name();
    if (event.type() == ChangeType.DELETED) {
      created.remove(name);
      bound.remove(name);
      running.remove(name);
    } else {
      created.add(name);
      if (pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty()) {
        bound.add(name);
      }
      if (pod.status() != null && "Running".equals(pod.status().phase())) {
        running.add(name);
      }
    }
    createdCount = created.size();
    boundCount = bound.size();
    runningCount = running.size();
    long now = System.nanoTime();
    if (allCreatedAt == 0 && createdCount >= target) {
      allCreatedAt = now;
    }
    if (allBoundAt == 0 && boundCount >= target) {
      allBoundAt = now;
    }
    if (allRunningAt == 0 && runningCount >= target) {
      allRunningAt = now;
      allRunning.countDown();
    }
  }

  /** Waits until every pod is Running or the deadline passes, reporting as it goes; true when they all are. */
  boolean awaitRunning(long deadlineNanos, long reportEveryNanos) throws InterruptedException {
    while (true) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      if (allRunning.await(Math.min(left, reportEveryNanos), TimeUnit.NANOSECONDS)) {
        return true;
      }
      System.out.println("  " + this);
    }
  }

  double secondsToCreated() {
    return (allCreatedAt - startNanos) / 1e9;
  }

  double secondsToBound() {
    return (allBoundAt - startNanos) / 1e9;
  }

  double secondsToRunning() {
    return (allRunningAt - startNanos) / 1e9;
  }

  @Override
  public String toString() {
    return String.format("%5.1f s: %d created, %d bound, %d running", (System.nanoTime() - startNanos) / 1e9,
        createdCount, boundCount, runningCount);
  }
}
