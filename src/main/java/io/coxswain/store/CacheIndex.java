package io.coxswain.store;

import io.coxswain.api.KubeObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import scala.collection.Iterator;
import scala.collection.immutable.HashMap;
import scala.collection.immutable.HashMap$;
import scala.collection.immutable.TreeMap;

/**
 * One secondary index of a {@link CacheView} (client-go's Indexer): objects grouped by the values
 * an index function gives them, immutable and persistent, so a change copies O(log n) and every
 * view keeps its own. Lets a controller read "the pods on node n" or "the dependents of uid u"
 * without going through every object of the kind.
 */
public final class CacheIndex {
  /**
   * What an index groups: the objects of {@code resource} (null: every resource) by the values
   * {@code values} gives each (none: the object is not in the index).
   */
  public record Definition(String name, String resource, Function<KubeObject, List<String>> values) {
    public Definition {
      Objects.requireNonNull(name);
      Objects.requireNonNull(values);
    }

    boolean covers(String resourceName) {
      return resource == null || resource.equals(resourceName);
    }
  }

  private static final TreeMap<ResourceKey, KubeObject> EMPTY_GROUP = CacheView.EMPTY_TREE;

  private final Definition definition;
  private final HashMap<String, TreeMap<ResourceKey, KubeObject>> groups;

  private CacheIndex(Definition definition, HashMap<String, TreeMap<ResourceKey, KubeObject>> groups) {
    this.definition = definition;
    this.groups = groups;
  }

  static CacheIndex empty(Definition definition) {
    return new CacheIndex(definition, HashMap$.MODULE$.empty());
  }

  Definition definition() {
    return definition;
  }

  /** This index after {@code key} went from {@code before} to {@code after} (either may be null). */
  CacheIndex changed(ResourceKey key, KubeObject before, KubeObject after) {
    if (!definition.covers(key.resource())) {
      return this;
    }
    List<String> was = before == null ? List.of() : definition.values().apply(before);
    List<String> now = after == null ? List.of() : definition.values().apply(after);
    if (was.isEmpty() && now.isEmpty()) {
      return this;
    }
    HashMap<String, TreeMap<ResourceKey, KubeObject>> next = groups;
    for (String value : was) {
      if (!now.contains(value)) {
        TreeMap<ResourceKey, KubeObject> group = next.getOrElse(value, () -> EMPTY_GROUP).removed(key);
        next = group.isEmpty() ? next.removed(value) : next.updated(value, group);
      }
    }
    for (String value : now) {
      next = next.updated(value, next.getOrElse(value, () -> EMPTY_GROUP).updated(key, after));
    }
    return new CacheIndex(definition, next);
  }

  /** The objects indexed under {@code value}, in key order (a fresh list). */
  List<KubeObject> get(String value) {
    TreeMap<ResourceKey, KubeObject> group = groups.getOrElse(value, () -> EMPTY_GROUP);
    List<KubeObject> items = new ArrayList<>(group.size());
    Iterator<KubeObject> it = group.valuesIterator();
    while (it.hasNext()) {
      items.add(it.next());
    }
    return items;
  }

  int count(String value) {
    return groups.getOrElse(value, () -> EMPTY_GROUP).size();
  }
}
