package io.coxswain.store;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Keeps a {@link WatchCache} in step with the store: subscribes, loads the snapshot, applies each
 * commit, and resubscribes for a fresh snapshot if it ever sees a gap in revisions. Also drives
 * the periodic watch bookmarks.
 */
public final class WatchCacheFeed {
  private WatchCacheFeed() {}

  private enum Tick { BOOKMARK }

  public static Behavior<StoreFeed> create(ActorRef<ObjectStore.Command> store, WatchCache cache, StoreSettings settings) {
    return Behaviors.<Object>setup(context -> {
      ActorRef<StoreFeed> self = context.getSelf().narrow();
      store.tell(new ObjectStore.Subscribe(self));
      return Behaviors.withTimers(timers -> {
        timers.startTimerWithFixedDelay(Tick.BOOKMARK, settings.bookmarkInterval());
        return Behaviors.receive(Object.class)
            .onMessage(StoreFeed.Snapshot.class, snapshot -> {
              cache.reset(snapshot.state());
              return Behaviors.same();
            })
            .onMessage(StoreFeed.Committed.class, committed -> {
              if (!cache.apply(committed.changes())) {
                context.getLog().warn("watch cache saw a gap at revision {}; resubscribing",
                    committed.changes().get(0).revision());
                store.tell(new ObjectStore.Subscribe(self));
              }
              return Behaviors.same();
            })
            .onMessageEquals(Tick.BOOKMARK, () -> {
              cache.bookmark();
              return Behaviors.same();
            })
            .build();
      });
    }).narrow();
  }
}
