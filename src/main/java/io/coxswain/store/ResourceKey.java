package io.coxswain.store;

import java.util.Comparator;

/**
 * Where an object lives in the store: resource plural, namespace ("" for cluster-scoped kinds) and
 * name. Keys order by resource, namespace, name — the order lists are served in, as etcd's keys are.
 */
public record ResourceKey(String resource, String namespace, String name) implements Comparable<ResourceKey> {
  private static final Comparator<ResourceKey> ORDER = Comparator.comparing(ResourceKey::resource)
      .thenComparing(ResourceKey::namespace)
      .thenComparing(ResourceKey::name);

  public ResourceKey {
    namespace = namespace == null ? "" : namespace;
  }

  public static ResourceKey clusterScoped(String resource, String name) {
    return new ResourceKey(resource, "", name);
  }

  /** The namespace object a namespaced key requires to exist. */
  public ResourceKey namespaceKey() {
    return clusterScoped("namespaces", namespace);
  }

  public boolean isNamespaced() {
    return !namespace.isEmpty();
  }

  @Override
  public int compareTo(ResourceKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return namespace.isEmpty() ? resource + "/" + name : resource + "/" + namespace + "/" + name;
  }
}
