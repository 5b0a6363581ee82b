package io.coxswain.store;

import java.util.List;

/**
 * Told by a {@link WatchCache} of what it applied, in revision order, on the cache's feed thread
 * and outside its lock, after the new view is visible. Implementations must be quick and must not
 * block (they hand keys to a work queue); informers are the only intended ones.
 */
public interface CacheListener {
  /** {@code changes} were applied; {@code view} includes them. */
  void applied(CacheView view, List<ObservedChange> changes);

  /**
   * The cache was replaced by a fresh snapshot (first load, or after a gap): changes in between
   * were not seen one by one, so whatever the listener derives must be worked out from {@code view}.
   */
  void replaced(CacheView view);
}
