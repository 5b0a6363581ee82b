package io.coxswain.store;

import io.coxswain.api.KubeObject;
import java.util.ArrayList;
import java.util.List;
import scala.collection.immutable.HashMap;

/**
 * The store's state: every object by key and the revision of the last commit. Persistent
 * (structurally shared) so a snapshot can be serialised on another thread while writes go on, and
 * so subscribers can be handed the whole state without a copy.
 */
public final class StoreState {
  private static final StoreState EMPTY = new StoreState(0, emptyMap());

  private final long revision;
  private final HashMap<ResourceKey, KubeObject> objects;

  private StoreState(long revision, HashMap<ResourceKey, KubeObject> objects) {
    this.revision = revision;
    this.objects = objects;
  }

  @SuppressWarnings("unchecked")
  private static HashMap<ResourceKey, KubeObject> emptyMap() {
    return (HashMap<ResourceKey, KubeObject>) (Object) scala.collection.immutable.HashMap$.MODULE$.empty();
  }

  public static StoreState empty() {
    return EMPTY;
  }

  public static StoreState of(long revision, List<KubeObject> objects, java.util.function.Function<KubeObject, ResourceKey> keyOf) {
    HashMap<ResourceKey, KubeObject> map = emptyMap();
    for (KubeObject object : objects) {
      map = map.updated(keyOf.apply(object), object);
    }
    return new StoreState(revision, map);
  }

  public long revision() {
    return revision;
  }

  public int size() {
    return objects.size();
  }

  /** The stored object, or null. */
  public KubeObject get(ResourceKey key) {
    return objects.getOrElse(key, () -> null);
  }

  public List<KubeObject> objects() {
    List<KubeObject> all = new ArrayList<>(objects.size());
    objects.valuesIterator().foreach(all::add);
    return all;
  }

  static void forEach(StoreState state, java.util.function.BiConsumer<ResourceKey, KubeObject> action) {
    state.objects.foreachEntry((key, object) -> {
      action.accept(key, object);
      return scala.runtime.BoxedUnit.UNIT;
    });
  }

  public StoreState apply(List<Change> changes) {
    HashMap<ResourceKey, KubeObject> next = objects;
    long last = revision;
    for (Change change : changes) {
      next = change.type() == ChangeType.DELETED
          ? next.removed(change.key())
          : next.updated(change.key(), change.object());
      last = change.revision();
    }
    return new StoreState(last, next);
  }
}
