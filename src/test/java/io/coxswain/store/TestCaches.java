package io.coxswain.store;

import io.coxswain.api.KubeObject;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Watch caches and views for tests outside this package: a cache loaded empty and fed by hand,
 * as the store's commit stream would feed it, and views built from objects.
 */
public final class TestCaches {
  private TestCaches() {}

  /** A loaded, empty cache at revision 0. */
  public static WatchCache empty(ActorSystem<?> system) {
    WatchCache cache = new WatchCache(SmallStoreSettings.SETTINGS, system);
    cache.reset(StoreState.empty());
    return cache;
  }

  /** Commits {@code object} at the next revision (ADDED, or MODIFIED when its key exists); answers the revision. */
  public static long put(WatchCache cache, String resource, KubeObject object) {
    ResourceKey key = key(resource, object);
    long revision = cache.view().revision() + 1;
    ChangeType type = cache.view().get(key) == null ? ChangeType.ADDED : ChangeType.MODIFIED;
    if (!cache.apply(List.of(new Change(revision, type, key, object)))) {
      throw new IllegalStateException("gap");
    }
    return revision;
  }

  /** Commits the deletion of {@code object}'s key at the next revision. */
  public static long delete(WatchCache cache, String resource, KubeObject object) {
    long revision = cache.view().revision() + 1;
    cache.apply(List.of(new Change(revision, ChangeType.DELETED, key(resource, object), object)));
    return revision;
  }

  /** A view holding {@code objects} of {@code resource}, one revision each. */
  public static CacheView view(String resource, List<? extends KubeObject> objects) {
    List<Change> changes = new ArrayList<>();
    for (KubeObject object : objects) {
      changes.add(new Change(changes.size() + 1, ChangeType.ADDED, key(resource, object), object));
    }
    return CacheView.empty().apply(changes);
  }

  /** {@code view} with {@code objects} of {@code resource} added after it. */
  public static CacheView plus(CacheView view, String resource, List<? extends KubeObject> objects) {
    List<Change> changes = new ArrayList<>();
    long revision = view.revision();
    for (KubeObject object : objects) {
      changes.add(new Change(++revision, ChangeType.ADDED, key(resource, object), object));
    }
    return view.apply(changes);
  }

  private static ResourceKey key(String resource, KubeObject object) {
    String ns = object.metadata().namespace();
    return ns == null || ns.isEmpty() ? ResourceKey.clusterScoped(resource, object.metadata().name())
        : new ResourceKey(resource, ns, object.metadata().name());
  }
}
