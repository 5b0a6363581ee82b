package io.coxswain.store;

import io.coxswain.api.KubeObject;
import io.coxswain.api.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import scala.collection.Iterator;
import scala.collection.immutable.HashMap;
import scala.collection.immutable.HashMap$;
import scala.collection.immutable.TreeMap;

/**
 * Pods grouped by namespace and controlling owner, immutable and persistent (an update copies
 * O(log n)), as part of a {@link CacheView}. Each group remembers the revision of its last change,
 * so a controller manager can tell which controllers have something new to look at without
 * reading their pods.
 */
public final class ControllerIndex {
  private static final TreeMap<ResourceKey, KubeObject> EMPTY_TREE = CacheView.EMPTY_TREE;
  static final ControllerIndex EMPTY = new ControllerIndex(HashMap$.MODULE$.empty());

  /** A namespace and the uid of a controller in it (null: no controller). */
  public record Owner(String namespace, String controllerUid) {}

  /** The pods of one owner, and the revision at which the group last changed. */
  public static final class Group {
    private final TreeMap<ResourceKey, KubeObject> pods;
    private final long changedAt;

    private Group(TreeMap<ResourceKey, KubeObject> pods, long changedAt) {
      this.pods = pods;
      this.changedAt = changedAt;
    }

    public int size() {
      return pods.size();
    }

    public long changedAt() {
      return changedAt;
    }

    /** The pods, in key order (a fresh list). */
    public List<KubeObject> items() {
      List<KubeObject> items = new ArrayList<>(pods.size());
      Iterator<KubeObject> it = pods.valuesIterator();
      while (it.hasNext()) {
        items.add(it.next());
      }
      return items;
    }
  }

  private record Members(TreeMap<ResourceKey, KubeObject> pods, long changedAt) {}

  private final HashMap<Owner, Members> groups;

  private ControllerIndex(HashMap<Owner, Members> groups) {
    this.groups = groups;
  }

  static boolean indexes(String resource) {
    return "pods".equals(resource);
  }

  /** The uid of the object's controlling owner, or null. */
  public static String controllerUid(KubeObject object) {
    List<OwnerReference> refs = object.metadata().ownerReferences();
    if (refs != null) {
      for (OwnerReference ref : refs) {
        if (Boolean.TRUE.equals(ref.controller())) {
          return ref.uid();
        }
      }
    }
    return null;
  }

  ControllerIndex changed(ResourceKey key, KubeObject before, KubeObject after, long revision) {
    if (!indexes(key.resource())) {
      return this;
    }
    Owner was = before == null ? null : new Owner(key.namespace(), controllerUid(before));
    Owner now = after == null ? null : new Owner(key.namespace(), controllerUid(after));
    HashMap<Owner, Members> next = groups;
    if (was != null && !was.equals(now)) {
      next = without(next, was, key, revision);
    }
    if (now != null) {
      Members members = next.getOrElse(now, () -> null);
      TreeMap<ResourceKey, KubeObject> pods = members == null ? EMPTY_TREE : members.pods();
      next = next.updated(now, new Members(pods.updated(key, after), revision));
    }
    return new ControllerIndex(next);
  }

  private static HashMap<Owner, Members> without(HashMap<Owner, Members> groups, Owner owner, ResourceKey key,
      long revision) {
    Members members = groups.getOrElse(owner, () -> null);
    if (members == null) {
      return groups;
    }
    TreeMap<ResourceKey, KubeObject> pods = members.pods().removed(key);
    return pods.isEmpty() ? groups.removed(owner) : groups.updated(owner, new Members(pods, revision));
  }

  Group group(String namespace, String controllerUid) {
    Members members = groups.getOrElse(new Owner(namespace, controllerUid), () -> null);
    return members == null ? new Group(EMPTY_TREE, 0) : new Group(members.pods(), members.changedAt());
  }

  List<Owner> owners() {
    List<Owner> owners = new ArrayList<>(groups.size());
    Iterator<Owner> it = groups.keysIterator();
    while (it.hasNext()) {
      Owner owner = it.next();
      if (owner.controllerUid() != null) {
        owners.add(owner);
      }
    }
    return owners;
  }
}
