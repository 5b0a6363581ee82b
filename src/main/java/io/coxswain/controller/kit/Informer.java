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

  void deliver(ObservedChange change, CacheView view, Consumer<K> enqueue) {
    KubeObject before = change.previous();
    KubeObject after = change.current();
    handler.changed(type.isInstance(before) ? type.cast(before) : null,
        type.isInstance(after) ? type.cast(after) : null, view, enqueue);
  }
}
