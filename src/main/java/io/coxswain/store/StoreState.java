package io.coxswain.store;

import io.coxswain.api.KubeObject;
import io.coxswain.api.UniqueClaims;
import java.util.ArrayList;
import java.util.List;
import scala.collection.immutable.HashMap;

/**
 * The store's state: every object by key, the revision of the last commit, and which object
 * holds each {@link UniqueClaims unique claim} (a Service's cluster IP, a node port). Persistent
 * (structurally shared) so a snapshot can be serialised on another thread while writes go on, and
 * so subscribers can be handed the whole state without a copy.
 */
public final class StoreState {
  private static final StoreState EMPTY = new StoreState(0, emptyMap(), emptyMap());

  private final long revision;
  private final HashMap<ResourceKey, KubeObject> objects;
  private final HashMap<String, ResourceKey> claims;

  private StoreState(long revision, HashMap<ResourceKey, KubeObject> objects, HashMap<String, ResourceKey> claims) {
    this.revision = revision;
    this.objects = objects;
    this.claims = claims;
  }

  @SuppressWarnings("unchecked")
  private static <K, V> HashMap<K, V> emptyMap() {
    return (HashMap<K, V>) (Object) scala.collection.immutable.HashMap$.MODULE$.empty();
  }

  public static StoreState empty() {
    return EMPTY;
  }

  public static StoreState of(long revision, List<KubeObject> objects, java.util.function.Function<KubeObject, ResourceKey> keyOf) {
    HashMap<ResourceKey, KubeObject> map = emptyMap();
    HashMap<String, ResourceKey> claims = emptyMap();
    for (KubeObject object : objects) {
      ResourceKey key = keyOf.apply(object);
      map = map.updated(key, object);
      claims = claim(claims, key, object);
    }
    return new StoreState(revision, map, claims);
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

  /** The key of the object holding {@code claim} (a {@link UniqueClaims.Claim#value()}), or null. */
  public ResourceKey claimHolder(String claim) {
    return claims.getOrElse(claim, () -> null);
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
    HashMap<String, ResourceKey> nextClaims = claims;
    long last = revision;
    for (Change change : changes) {
      KubeObject before = next.getOrElse(change.key(), () -> null);
      if (before != null) {
        nextClaims = release(nextClaims, change.key(), before);
      }
      if (change.type() == ChangeType.DELETED) {
        next = next.removed(change.key());
      } else {
        next = next.updated(change.key(), change.object());
        nextClaims = claim(nextClaims, change.key(), change.object());
      }
      last = change.revision();
    }
    return new StoreState(last, next, nextClaims);
  }

  /**
   * {@code claims} with {@code object}'s claims held by {@code key}. A value another object
   * already holds stays with it: the evaluator refuses new such writes, and this keeps state
   * written before claims were checked (duplicates from then) readable.
   */
  private static HashMap<String, ResourceKey> claim(HashMap<String, ResourceKey> claims, ResourceKey key,
      KubeObject object) {
    for (UniqueClaims.Claim claim : UniqueClaims.of(object)) {
      if (!claims.contains(claim.value())) {
        claims = claims.updated(claim.value(), key);
      }
    }
    return claims;
  }

  /** {@code claims} without the values {@code key} held through {@code object}. */
  private static HashMap<String, ResourceKey> release(HashMap<String, ResourceKey> claims, ResourceKey key,
      KubeObject object) {
    for (UniqueClaims.Claim claim : UniqueClaims.of(object)) {
      if (key.equals(claims.getOrElse(claim.value(), () -> null))) {
        claims = claims.removed(claim.value());
      }
    }
    return claims;
  }
}
