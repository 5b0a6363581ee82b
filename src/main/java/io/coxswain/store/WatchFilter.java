package io.coxswain.store;

import io.coxswain.api.KubeObject;

/**
 * How a change looks to one watcher: Kubernetes' rule for filtered watches. A change to an object
 * the watcher's filter matched before and after is MODIFIED; one that starts matching is ADDED;
 * one that stops matching is DELETED; a change it never matched is not sent.
 */
final class WatchFilter {
  private WatchFilter() {}

  /** The event to send, or null when this watcher should not see the change. */
  static WatchEvent translate(WatchRequest request, Change change, KubeObject previous) {
    if (!request.covers(change.key())) {
      return null;
    }
    boolean matchedBefore = previous != null && request.filter().test(previous);
    boolean matchesNow = request.filter().test(change.object());
    return switch (change.type()) {
      case ADDED -> matchesNow ? new WatchEvent(ChangeType.ADDED, change.object(), change.revision()) : null;
      case DELETED -> (matchesNow || matchedBefore)
          ? new WatchEvent(ChangeType.DELETED, change.object(), change.revision()) : null;
      case MODIFIED -> {
        if (matchedBefore && matchesNow) {
          yield new WatchEvent(ChangeType.MODIFIED, change.object(), change.revision());
        } else if (matchesNow) {
          yield new WatchEvent(ChangeType.ADDED, change.object(), change.revision());
        } else if (matchedBefore) {
          yield new WatchEvent(ChangeType.DELETED, change.object(), change.revision());
        }
        yield null;
      }
      case BOOKMARK -> null;
    };
  }
}
