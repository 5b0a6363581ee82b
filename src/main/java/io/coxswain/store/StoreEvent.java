package io.coxswain.store;

import java.util.List;

/** What the store journals: one event per batch of writes, so a batch costs one journal row. */
public sealed interface StoreEvent {
  record Committed(List<Change> changes) implements StoreEvent {
    public Committed {
      changes = List.copyOf(changes);
    }

    public long lastRevision() {
      return changes.get(changes.size() - 1).revision();
    }
  }
}
