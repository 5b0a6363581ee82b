package io.coxswain.store;

import io.coxswain.api.KubeObject;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** Cuts the feed for subscribers on other members into messages of at most {@code slice} objects. Pure. */
final class FeedSlicing {
  private FeedSlicing() {}

  /** A commit as consecutive commits (each change keeps its revision, so the cache sees no gap). */
  static List<StoreFeed.Committed> commits(List<Change> changes, int slice) {
    List<StoreFeed.Committed> slices = new ArrayList<>();
    for (int from = 0; from < changes.size(); from += slice) {
      slices.add(new StoreFeed.Committed(changes.subList(from, Math.min(changes.size(), from + slice))));
    }
    return slices;
  }

  /** The state as parts; an empty state is one empty last part. */
  static List<StoreFeed.SnapshotPart> snapshot(StoreState state, int slice, ActorRef<ObjectStore.Command> store) {
    List<KubeObject> objects = state.objects();
    List<StoreFeed.SnapshotPart> parts = new ArrayList<>();
    int from = 0;
    do {
      int to = Math.min(objects.size(), from + slice);
      parts.add(new StoreFeed.SnapshotPart(state.revision(), objects.subList(from, to), to == objects.size(), store));
      from = to;
    } while (from < objects.size());
    return parts;
  }
}
