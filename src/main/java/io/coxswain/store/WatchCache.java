package io.coxswain.store;

import io.coxswain.api.ApiException;
import io.coxswain.api.KubeObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A node's copy of the store, fed by the store's commit stream: serves lists from immutable views
 * and watches from a window of recent changes. One writer (the feed) calls {@link #reset} and
 * {@link #apply}; any thread may read views, register watches and await revisions. A watch from
 * revision R gets every later change in order exactly once, or 410 Gone when R has left the window.
 */
public final class WatchCache {
  private final StoreSettings settings;
  private final ActorSystem<?> system;
  private final Object lock = new Object();
  private volatile CacheView view = CacheView.empty();
  private volatile boolean ready;

  // Guarded by lock.
  private final ArrayDeque<ObservedChange> window = new ArrayDeque<>();
  private long windowFloor;
  private final List<Watcher> watchers = new ArrayList<>();
  /** Pod watchers of one node each ({@link WatchRequest#podNode}), by node name. */
  private final Map<String, List<Watcher>> podWatchersByNode = new HashMap<>();
  private final TreeMap<Long, List<CompletableFuture<Long>>> waiters = new TreeMap<>();
  /** Informers; only the feed's thread calls them, so they see changes in order. */
  private final List<CacheListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  private record Watcher(WatchRequest request, BoundedSourceQueue<WatchEvent> queue) {}

  public WatchCache(StoreSettings settings, ActorSystem<?> system) {
    this.settings = settings;
    this.system = system;
  }

  public CacheView view() {
    return view;
  }

  /** True once the first snapshot of the store has arrived. */
  public boolean ready() {
    return ready;
  }

  /** Completes once this cache has applied revision {@code revision} (at once if it has). */
  public CompletionStage<Long> awaitRevision(long revision) {
    synchronized (lock) {
      long current = view.revision();
      if (ready && current >= revision) {
        return CompletableFuture.completedFuture(current);
      }
      CompletableFuture<Long> future = new CompletableFuture<>();
      waiters.computeIfAbsent(revision, r -> new ArrayList<>()).add(future);
      // A waiter that gives up (a list's 3 s wait) is forgotten, not kept until the revision comes.
      future.whenComplete((reached, failure) -> {
        if (failure != null) {
          synchronized (lock) {
            List<CompletableFuture<Long>> list = waiters.get(revision);
            if (list != null) {
              list.remove(future);
              if (list.isEmpty()) {
                waiters.remove(revision);
              }
            }
          }
        }
      });
      return future;
    }
  }

  /**
   * Tells {@code listener} of every change from now on. The caller reads {@link #view()} after
   * adding it, so nothing falls between what it listed and what it is told (a change may be both).
   */
  public void addListener(CacheListener listener) {
    listeners.add(listener);
  }

  public void removeListener(CacheListener listener) {
    listeners.remove(listener);
  }

  /** Replaces everything with the store's state; open watches end, since continuity is lost. */
  void reset(StoreState state) {
    Released released;
    synchronized (lock) {
      view = CacheView.of(state);
      window.clear();
      windowFloor = state.revision();
      watchers.forEach(WatchCache::end);
      watchers.clear();
      podWatchersByNode.values().forEach(list -> list.forEach(WatchCache::end));
      podWatchersByNode.clear();
      ready = true;
      released = takeReleasedWaiters();
    }
    released.complete();
    CacheView replaced = view;
    tellListeners(l -> l.replaced(replaced));
  }

  /**
   * Applies the next commits. Returns false on a gap in revisions (a commit was missed), in which
   * case the caller must resubscribe for a fresh snapshot; commits already applied are skipped.
   */
  boolean apply(List<Change> changes) {
    Released released;
    List<ObservedChange> observed = new ArrayList<>(changes.size());
    CacheView applied;
    synchronized (lock) {
      List<Change> fresh = changes.stream().filter(c -> c.revision() > view.revision()).toList();
      if (fresh.isEmpty()) {
        return true;
      }
      if (fresh.get(0).revision() != view.revision() + 1) {
        return false;
      }
      CacheView before = view;
      // What each key held just before each change, so watchers see selector transitions.
      Map<ResourceKey, KubeObject> overlay = new HashMap<>();
      for (Change change : fresh) {
        ResourceKey key = change.key();
        KubeObject previous = overlay.containsKey(key) ? overlay.get(key) : before.get(key);
        ObservedChange entry = new ObservedChange(change, previous);
        window.addLast(entry);
        observed.add(entry);
        deliver(change, previous);
        overlay.put(key, change.type() == ChangeType.DELETED ? null : change.object());
      }
      view = before.apply(fresh);
      applied = view;
      while (window.size() > settings.watchWindow()) {
        windowFloor = window.removeFirst().change().revision();
      }
      released = takeReleasedWaiters();
    }
    released.complete();
    tellListeners(l -> l.applied(applied, observed));
    return true;
  }

  /**
   * The objects of {@code resource} in {@code namespace} (all namespaces when null) that
   * {@code filter} accepts, as they were at revision {@code revision}, in key order: the current
   * state with the window's later changes undone. 410 Gone when the revision has left the window.
   * The revision must not be ahead of this cache ({@link #awaitRevision} first).
   */
  public List<KubeObject> listAt(long revision, String resource, String namespace,
      java.util.function.Predicate<KubeObject> filter) {
    synchronized (lock) {
      if (revision < windowFloor) {
        throw ApiException.gone("too old resource version: " + revision + " (" + windowFloor + ")");
      }
      java.util.TreeMap<ResourceKey, KubeObject> objects = new java.util.TreeMap<>();
      for (KubeObject o : view.list(resource, namespace, null, 0, x -> true).items()) {
        objects.put(new ResourceKey(resource, o.metadata().namespace() == null ? "" : o.metadata().namespace(),
            o.metadata().name()), o);
      }
      java.util.Iterator<ObservedChange> newestFirst = window.descendingIterator();
      while (newestFirst.hasNext()) {
        ObservedChange entry = newestFirst.next();
        ResourceKey key = entry.change().key();
        if (entry.change().revision() <= revision) {
          break;
        }
        if (!key.resource().equals(resource) || (namespace != null && !namespace.equals(key.namespace()))) {
          continue;
        }
        if (entry.previous() == null) {
          objects.remove(key);
        } else {
          objects.put(key, entry.previous());
        }
      }
      return objects.values().stream().filter(filter).toList();
    }
  }

  /**
   * Opens a watch. From revision 0 it first lists the current objects as ADDED; from revision R it
   * replays the window after R. Throws 410 Gone when R is older than the window.
   */
  public Source<WatchEvent, NotUsed> watch(WatchRequest request) {
    synchronized (lock) {
      List<WatchEvent> backlog = backlog(request);
      int capacity = backlog.size() + settings.watchBuffer();
      Pair<BoundedSourceQueue<WatchEvent>, Source<WatchEvent, NotUsed>> queued =
          Source.<WatchEvent>queue(capacity).preMaterialize(system);
      BoundedSourceQueue<WatchEvent> queue = queued.first();
      backlog.forEach(queue::offer);
      register(request, queue);
      Source<WatchEvent, NotUsed> source = queued.second();
      return source.watchTermination((notUsed, done) -> {
        done.whenComplete((ok, failure) -> forget(queue));
        return NotUsed.getInstance();
      });
    }
  }

  /** Adds a watcher fed from the next change on (package-private so tests can hold the queue). */
  void register(WatchRequest request, BoundedSourceQueue<WatchEvent> queue) {
    synchronized (lock) {
      Watcher watcher = new Watcher(request, queue);
      if (request.podNode() != null) {
        podWatchersByNode.computeIfAbsent(request.podNode(), n -> new ArrayList<>()).add(watcher);
      } else {
        watchers.add(watcher);
      }
    }
  }

  private List<WatchEvent> backlog(WatchRequest request) {
    List<WatchEvent> backlog = new ArrayList<>();
    if (request.fromRevision() == 0) {
      CacheView current = view;
      current.list(request.resource(), request.namespace(), null, 0, request.filter()).items()
          .forEach(o -> backlog.add(new WatchEvent(ChangeType.ADDED, o, current.revision())));
      return backlog;
    }
    if (request.fromRevision() < windowFloor) {
      throw ApiException.gone("too old resource version: " + request.fromRevision() + " (" + windowFloor + ")");
    }
    for (ObservedChange entry : window) {
      if (entry.change().revision() > request.fromRevision()) {
        WatchEvent event = WatchFilter.translate(request, entry.change(), entry.previous());
        if (event != null) {
          backlog.add(event);
        }
      }
    }
    return backlog;
  }

  /** Sends a BOOKMARK at the current revision to every watcher that asked for bookmarks. */
  void bookmark() {
    synchronized (lock) {
      long revision = view.revision();
      for (Watcher watcher : watchers) {
        if (watcher.request().bookmarks()) {
          watcher.queue().offer(new WatchEvent(ChangeType.BOOKMARK, null, revision));
        }
      }
      for (List<Watcher> list : podWatchersByNode.values()) {
        for (Watcher watcher : list) {
          if (watcher.request().bookmarks()) {
            watcher.queue().offer(new WatchEvent(ChangeType.BOOKMARK, null, revision));
          }
        }
      }
    }
  }

  private void forget(BoundedSourceQueue<WatchEvent> queue) {
    synchronized (lock) {
      watchers.removeIf(w -> w.queue() == queue);
      podWatchersByNode.values().forEach(list -> list.removeIf(w -> w.queue() == queue));
      podWatchersByNode.values().removeIf(List::isEmpty);
    }
  }

  private void deliver(Change change, KubeObject previous) {
    deliver(watchers, change, previous);
    if (!podWatchersByNode.isEmpty() && change.key().resource().equals("pods")) {
      String now = nodeOf(change.object());
      String before = nodeOf(previous);
      deliverToNode(now, change, previous);
      if (before != null && !before.equals(now)) {
        deliverToNode(before, change, previous);
      }
    }
  }

  private void deliverToNode(String node, Change change, KubeObject previous) {
    List<Watcher> list = node == null ? null : podWatchersByNode.get(node);
    if (list != null) {
      deliver(list, change, previous);
    }
  }

  private static String nodeOf(KubeObject object) {
    return object instanceof io.coxswain.api.core.Pod pod ? pod.spec().nodeName() : null;
  }

  private static void deliver(List<Watcher> watchers, Change change, KubeObject previous) {
    Iterator<Watcher> it = watchers.iterator();
    while (it.hasNext()) {
      Watcher watcher = it.next();
      WatchEvent event = WatchFilter.translate(watcher.request(), change, previous);
      if (event != null && watcher.queue().offer(event) != QueueOfferResult.enqueued()) {
        // Dropped: a watcher that cannot keep up is ended; it resumes from the last revision it
        // saw. Closed or failed: its consumer has gone and the termination callback (which runs
        // asynchronously) has not forgotten it yet.
        end(watcher);
        it.remove();
      }
    }
  }

  /**
   * Ends a watcher's stream. A consumer that went away (a client disconnected, a kill switch)
   * closes the queue from its side before {@link #forget} runs, and completing a closed queue
   * throws; that must not fail the change being applied to the cache.
   */
  private static void end(Watcher watcher) {
    try {
      watcher.queue().complete();
    } catch (IllegalStateException alreadyClosed) {
      // nothing left to end
    }
  }

  /** A listener that throws is logged and kept; it must not stop the cache or the others. */
  private void tellListeners(java.util.function.Consumer<CacheListener> call) {
    for (CacheListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        org.slf4j.LoggerFactory.getLogger(WatchCache.class).error("cache listener {} failed", listener, e);
      }
    }
  }

  /** Writers whose revision the cache has reached, to be told so once the lock is released. */
  private record Released(List<CompletableFuture<Long>> futures, long revision) {
    /**
     * Completes them, outside the cache's lock: what they run next (encoding an HTTP answer, a
     * controller's next step) must neither hold up the feed nor wait on the lock.
     */
    void complete() {
      futures.forEach(f -> f.complete(revision));
    }
  }

  private Released takeReleasedWaiters() {
    Map<Long, List<CompletableFuture<Long>>> done = waiters.headMap(view.revision(), true);
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    done.values().forEach(futures::addAll);
    done.clear();
    return new Released(futures, view.revision());
  }
}
