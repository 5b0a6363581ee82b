package io.coxswain.store;

import io.coxswain.api.KubeObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import scala.collection.Iterator;
import scala.collection.immutable.TreeMap;
import scala.math.Ordering;

/**
 * An immutable, consistent picture of every object at one revision, ordered by key within each
 * resource. Lists read a view without locks; continue tokens keep reading the view they started
 * on, so a paged list is one consistent snapshot as in Kubernetes.
 *
 * <p>Secondary indexes ({@link Indexes}: pods by controller, node and label; every kind by owner
 * uid) let a controller read the pods it owns, a node's pods or an owner's dependents without
 * going through every object of the kind — the difference between O(objects) and O(answer).
 */
public final class CacheView {
  private static final Ordering<ResourceKey> ORDER = Ordering.comparatorToOrdering(ResourceKey::compareTo);
  static final TreeMap<ResourceKey, KubeObject> EMPTY_TREE = scala.collection.immutable.TreeMap$.MODULE$.empty(ORDER);

  private final long revision;
  private final Map<String, TreeMap<ResourceKey, KubeObject>> byResource;
  private final List<CacheIndex> indexes;

  private CacheView(long revision, Map<String, TreeMap<ResourceKey, KubeObject>> byResource, List<CacheIndex> indexes) {
    this.revision = revision;
    this.byResource = byResource;
    this.indexes = indexes;
  }

  public static CacheView empty() {
    return new CacheView(0, Map.of(), Indexes.ALL.stream().map(CacheIndex::empty).toList());
  }

  static CacheView of(StoreState state) {
    Map<String, TreeMap<ResourceKey, KubeObject>> trees = new HashMap<>();
    CacheIndex[] index = Indexes.ALL.stream().map(CacheIndex::empty).toArray(CacheIndex[]::new);
    StoreState.forEach(state, (key, object) -> {
      trees.put(key.resource(), trees.getOrDefault(key.resource(), EMPTY_TREE).updated(key, object));
      for (int i = 0; i < index.length; i++) {
        index[i] = index[i].changed(key, null, object);
      }
    });
    return new CacheView(state.revision(), Map.copyOf(trees), List.of(index));
  }
  public long revision() {
    return revision;
  }

  /** The object at {@code key} in this view, or null. */
  public KubeObject get(ResourceKey key) {
    TreeMap<ResourceKey, KubeObject> tree = byResource.get(key.resource());
    return tree == null ? null : tree.getOrElse(key, () -> null);
  }

  public int count(String resource) {
    TreeMap<ResourceKey, KubeObject> tree = byResource.get(resource);
    return tree == null ? 0 : tree.size();
  }

  /** A page of a list: the items, and the key to continue after (null when this is the end). */
  public record Page(List<KubeObject> items, ResourceKey continueAfter) {}

  /**
   * Lists {@code resource} (in {@code namespace}, or everywhere when null) in key order, starting
   * after {@code after} (exclusive, may be null), keeping at most {@code limit} matching items
   * (0 = no limit).
   */
  public Page list(String resource, String namespace, ResourceKey after, int limit, Predicate<KubeObject> filter) {
    TreeMap<ResourceKey, KubeObject> tree = byResource.get(resource);
    if (tree == null) {
      return new Page(List.of(), null);
    }
    ResourceKey start = after != null ? after : new ResourceKey(resource, namespace == null ? "" : namespace, "");
    Iterator<scala.Tuple2<ResourceKey, KubeObject>> it = tree.iteratorFrom(start);
    List<KubeObject> items = new ArrayList<>();
    ResourceKey last = null;
    while (it.hasNext()) {
      scala.Tuple2<ResourceKey, KubeObject> entry = it.next();
      ResourceKey key = entry._1();
      if (after != null && key.equals(after)) {
        continue;
      }
      if (namespace != null && !key.namespace().equals(namespace)) {
        break;
      }
      if (limit > 0 && items.size() == limit) {
        return new Page(items, last);
      }
      if (filter.test(entry._2())) {
        items.add(entry._2());
        last = key;
      }
    }
    return new Page(items, null);
  }

  /** The objects an index holds under {@code value}, in key order (a fresh list). */
  public List<KubeObject> indexed(CacheIndex.Definition index, String value) {
    return find(index).get(value);
  }

  /** How many objects an index holds under {@code value}. */
  public int indexedCount(CacheIndex.Definition index, String value) {
    return find(index).count(value);
  }

  private CacheIndex find(CacheIndex.Definition definition) {
    for (CacheIndex index : indexes) {
      if (index.definition() == definition) {
        return index;
      }
    }
    throw new IllegalArgumentException("no such index: " + definition.name());
  }

  /** This view with {@code changes} applied; the changes must follow this view's revision. */
  CacheView apply(List<Change> changes) {
    Map<String, TreeMap<ResourceKey, KubeObject>> trees = new HashMap<>(byResource);
    CacheIndex[] index = indexes.toArray(CacheIndex[]::new);
    long last = revision;
    for (Change change : changes) {
      String resource = change.key().resource();
      TreeMap<ResourceKey, KubeObject> tree = trees.getOrDefault(resource, EMPTY_TREE);
      KubeObject before = tree.getOrElse(change.key(), () -> null);
      KubeObject after = change.type() == ChangeType.DELETED ? null : change.object();
      trees.put(resource, after == null ? tree.removed(change.key()) : tree.updated(change.key(), after));
      for (int i = 0; i < index.length; i++) {
        index[i] = index[i].changed(change.key(), before, after);
      }
      last = change.revision();
    }
    return new CacheView(last, Map.copyOf(trees), List.of(index));
  }
}
