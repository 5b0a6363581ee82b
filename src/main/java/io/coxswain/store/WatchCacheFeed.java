package io.coxswain.store;

import io.coxswain.api.KubeObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Keeps a {@link WatchCache} in step with the store: subscribes, loads the snapshot, applies each
 * commit, and resubscribes for a fresh snapshot if it ever sees a gap in revisions. Also drives
 * the periodic watch bookmarks.
 *
 * <p>If applying a commit ever throws, the feed restarts and subscribes again: the fresh snapshot
 * replaces whatever the cache half-applied. Stopped instead, it would leave the cache behind for
 * good, and every write on this member — each waits for the cache to reach its revision — would
 * hang.
 */
public final class WatchCacheFeed {
  private WatchCacheFeed() {}

  private enum Tick { BOOKMARK }

  public static Behavior<StoreFeed> create(ActorRef<ObjectStore.Command> store, WatchCache cache, StoreSettings settings) {
    Behavior<Object> feed = Behaviors.<Object>setup(context -> {
      ActorRef<StoreFeed> self = context.getSelf().narrow();
      store.tell(new ObjectStore.Subscribe(self));
      List<KubeObject> parts = new ArrayList<>();
      return Behaviors.withTimers(timers -> {
        timers.startTimerWithFixedDelay(Tick.BOOKMARK, settings.bookmarkInterval());
        return Behaviors.receive(Object.class)
            .onMessage(StoreFeed.Snapshot.class, snapshot -> {
              watchStore(context, snapshot.store());
              cache.reset(snapshot.state());
              return Behaviors.same();
            })
            .onMessage(StoreFeed.SnapshotPart.class, part -> {
              parts.addAll(part.objects());
              if (part.last()) {
                watchStore(context, part.store());
                cache.reset(StoreState.of(part.revision(), parts, StoreSerializer::keyOf));
                parts.clear();
              }
              return Behaviors.same();
            })
            .onMessage(StoreFeed.Committed.class, committed -> {
              if (!cache.apply(committed.changes())) {
                context.getLog().warn("watch cache saw a gap at revision {}; resubscribing",
                    committed.changes().get(0).revision());
                parts.clear();
                store.tell(new ObjectStore.Subscribe(self));
              }
              return Behaviors.same();
            })
            .onMessageEquals(Tick.BOOKMARK, () -> {
              cache.bookmark();
              return Behaviors.same();
            })
            .onSignal(Terminated.class, gone -> {
              // The store singleton stopped (its member left or died): the proxy delivers the
              // subscription to its successor, which sends a fresh snapshot from the journal.
              context.getLog().info("the store moved; resubscribing to its successor");
              parts.clear();
              store.tell(new ObjectStore.Subscribe(self));
              return Behaviors.same();
            })
            .build();
      });
    });
    return Behaviors.supervise(feed).onFailure(Exception.class,
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), 0.2)).narrow();
  }

  /** Watches the store instance that feeds us (not the proxy), to notice when it moves. */
  private static void watchStore(ActorContext<Object> context, ActorRef<ObjectStore.Command> store) {
    context.watch(store);
  }
}
