package io.coxswain.store;

import java.util.List;

/** What the store sends its subscribers (the watch caches): the state once, then every commit. */
public sealed interface StoreFeed {
  /** The whole state at {@code state.revision()}; later commits follow as {@link Committed}. */
  record Snapshot(StoreState state) implements StoreFeed {}

  record Committed(List<Change> changes) implements StoreFeed {
    public Committed {
      changes = List.copyOf(changes);
    }
  }
}
