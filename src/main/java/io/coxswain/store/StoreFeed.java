package io.coxswain.store;

import io.coxswain.api.KubeObject;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the store sends its subscribers (the watch caches): the state once, then every commit. A
 * subscriber on the store's own member gets the state as one immutable {@link Snapshot}; one on
 * another member gets it in {@link SnapshotPart}s, and large commits in several messages, so no
 * message outgrows the remoting frame.
 */
public sealed interface StoreFeed {
  /** The whole state at {@code state.revision()}; later commits follow as {@link Committed}. */
  record Snapshot(StoreState state, ActorRef<ObjectStore.Command> store) implements StoreFeed {}

  /** One slice of the state at {@code revision}; the state is complete at the part marked last. */
  record SnapshotPart(long revision, List<KubeObject> objects, boolean last, ActorRef<ObjectStore.Command> store)
      implements StoreFeed {
    public SnapshotPart {
      objects = List.copyOf(objects);
    }
  }

  record Committed(List<Change> changes) implements StoreFeed {
    public Committed {
      changes = List.copyOf(changes);
    }
  }
}
