package io.coxswain.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Immutable copies that keep insertion order (Map.copyOf does not), so output is stable. */
public final class Collections2 {
  private Collections2() {}

  public static <K, V> Map<K, V> copyOfMap(Map<K, V> map) {
    if (map.isEmpty()) {
      return Map.of();
    }
    if (map instanceof UnmodifiableOrdered) {
      return map;
    }
    return new UnmodifiableOrdered<>(map);
  }

  /**
   * Null-tolerant copy for record components: absent becomes empty, null elements are dropped. A
   * list that is already immutable and null-free is kept as it is (List.copyOf does not copy
   * those), so records rebuilt by their withers do not copy their lists again each time.
   */
  public static <T> List<T> listOrEmpty(List<T> list) {
    if (list == null || list.isEmpty()) {
      return List.of();
    }
    for (T element : list) {
      if (element == null) {
        return list.stream().filter(Objects::nonNull).toList();
      }
    }
    return List.copyOf(list);
  }

  /** Null-tolerant ordered copy for record components: absent becomes empty. */
  public static <K, V> Map<K, V> mapOrEmpty(Map<K, V> map) {
    return map == null ? Map.of() : copyOfMap(map);
  }

  /** A counter Kubernetes marks omitempty: zero is absent, so it is null here (and left out of JSON). */
  public static Integer nonZero(Integer value) {
    return value == null || value == 0 ? null : value;
  }

  /** {@link #nonZero(Integer)} for a generation. */
  public static Long nonZero(Long value) {
    return value == null || value == 0 ? null : value;
  }

  private static final class UnmodifiableOrdered<K, V> extends java.util.AbstractMap<K, V> {
    private final Map<K, V> delegate;

    UnmodifiableOrdered(Map<K, V> source) {
      this.delegate = Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
      return delegate.entrySet();
    }

    @Override
    public V get(Object key) {
      return delegate.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return delegate.containsKey(key);
    }

    @Override
    public int size() {
      return delegate.size();
    }
  }
}
