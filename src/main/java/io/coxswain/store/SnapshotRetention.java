package io.coxswain.store;

/**
 * What becomes of older history once the store's snapshot is safely stored: the journal's events
 * it covers and older snapshots may go, so the disk stays bounded. The embedded file journal does
 * this in its snapshot store ({@code FileSnapshotStore}); a database journal gets an implementation
 * here, called by {@link StoreLog} after each snapshot.
 */
@FunctionalInterface
public interface SnapshotRetention {
  /** Nothing to do: the journal plugins keep their own disk bounded. */
  SnapshotRetention NONE = (persistenceId, sequenceNr) -> { };

  /**
   * A snapshot at {@code sequenceNr} of {@code persistenceId} has been saved. Called on the store's
   * thread: implementations hand the work elsewhere and report their own failures.
   */
  void snapshotSaved(String persistenceId, long sequenceNr);
}
