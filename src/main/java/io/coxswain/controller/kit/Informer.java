package io.coxswain.controller.kit;

import io.coxswain.api.KubeObject;
import io.coxswain.store.CacheView;
import io.coxswain.store.ObservedChange;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a controller watches of one resource and which of its keys a change concerns (client-go's
 * informer event handler). The list side is the node's watch cache view, read by the reconciler;
 * this is the watch side: on every change of {@code resource}, {@link Handler#changed} is told
 * the object before and after (null before: added; null after: deleted) and enqueues keys.
 *
 * <p>Handlers run on the cache's feed thread: they must only look (at the two objects and the
 * view) and enqueue, never block or write.
 *
 * @param <T> the kind's record type
 * @param <K> the controller's key type
 */
public record Informer<T extends KubeObject, K>(String resource, Class<T> type, Handler<T, K> handler) {

  @FunctionalInterface
  public interface Handler<T extends KubeObject, K> {
    /**
     * @param before  the object before the change, or null when it was added
     * @param after   the object after the change, or null when it was deleted
     * @param view    the cache with the change applied
     * @param enqueue takes the keys to reconcile
     */
    void changed(T before, T after, CacheView view, Consumer<K> enqueue);
  }

  public static <T extends KubeObject, K> Informer<T, K> of(String resource, Class<T> type, Handler<T, K> handler) {
    return new Informer<>(resource, type, handler);
  }

  /** Every change of an object enqueues the key {@code keyOf} gives it (the controller's own kind). */
  public static <T extends KubeObject, K> Informer<T, K> forObjects(String resource, Class<T> type,
      Function<T, K> keyOf) {
    return new Informer<>(resource, type, (before, after, view, enqueue) ->
        enqueue.accept(keyOf.apply(after != null ? after : before)));
  }

  /**
   * An owned object's changes queue its controlling owner of kind {@code ownerKind}, before and
   * after the change (an owner that lost it must look too), as {@code namespace/name} — the shape
   * of a controller's handler for the objects it creates (client-go's EnqueueRequestForOwner).
   */
  public static <T extends KubeObject> Informer<T, String> forControllerOf(String resource, Class<T> type,
      String ownerKind) {
    return new Informer<>(resource, type, (before, after, view, enqueue) -> {
      String was = before == null ? null : controllerKey(before, ownerKind);
      String now = after == null ? null : controllerKey(after, ownerKind);
      if (was != null) {
        enqueue.accept(was);
      }
      if (now != null && !now.equals(was)) {
        enqueue.accept(now);
      }
    });
  }

  /** {@code namespace/name} of the object's controlling owner if it is of kind {@code ownerKind}, else null. */
  public static String controllerKey(KubeObject object, String ownerKind) {
    if (object.metadata().ownerReferences() == null) {
      return null;
    }
    for (io.coxswain.api.OwnerReference ref : object.metadata().ownerReferences()) {
      if (Boolean.TRUE.equals(ref.controller()) && ownerKind.equals(ref.kind())) {
        return object.metadata().namespace() + "/" + ref.name();
      }
    }
    return null;
  }

  void deliver(ObservedChange change, CacheView view, Consumer<K> enqueue) {
    KubeObject before = change.previous();
    KubeObject after = change.current();
    handler.changed(type.isInstance(before) ? type.cast(before) : null,
        type.isInstance(after) ? type.cast(after) : null, view, enqueue);
  }
}
