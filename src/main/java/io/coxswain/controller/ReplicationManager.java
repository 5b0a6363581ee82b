package io.coxswain.controller;

import io.coxswain.api.OwnerReference;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.selector.LabelSelector;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.store.CacheView;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The ReplicationController manager (a cluster singleton on the {@link Controller} kit, keyed by
 * {@code namespace/name}): a change of an RC, or of a pod it controls or could adopt, queues the
 * RC, and reconciling the key asks its sharded {@link ReplicationControllerEntity} — on whichever
 * member sharding places it — to reconcile at the cache's revision and answer when done. An entity
 * on a member that died does not answer; the key is then retried with backoff and sharding starts
 * the entity elsewhere. Pods whose RC is gone are the garbage collector's.
 */
public final class ReplicationManager {
  private ReplicationManager() {}

  /** Asks the entity with this id to reconcile at {@code revision}; completes when it has, fails when it did not. */
  @FunctionalInterface
  public interface Dispatch {
    CompletionStage<?> reconcile(String entityId, long revision);
  }

  public static Behavior<Controller.Command> create(WatchCache cache, Duration resync, Clock clock, Dispatch dispatch) {
    return Controller.create(Controller.Settings.of("replication", resync).withWorkers(16), cache,
        new Controller.Reconciler<String>() {
          @Override
          public CompletionStage<Controller.Result> reconcile(String id, CacheView view) {
            return dispatch.reconcile(id, view.revision()).thenApply(done -> Controller.Result.DONE);
          }

          @Override
          public Collection<String> keys(CacheView view) {
            return view.list("replicationcontrollers", null, null, 0, o -> true).items().stream()
                .map(o -> ReplicationControllerEntity.entityId((ReplicationController) o)).toList();
          }
        }, List.of(
            Informer.forObjects("replicationcontrollers", ReplicationController.class,
                ReplicationControllerEntity::entityId),
            Informer.of("pods", Pod.class, ReplicationManager::podChanged)), clock);
  }

  /**
   * The RCs a pod change concerns (Kubernetes' getPodControllers): the controlling RC before and
   * after; for a pod without a controller, every RC of its namespace whose selector matches it
   * (one of them may adopt it).
   */
  static void podChanged(Pod before, Pod after, CacheView view, Consumer<String> enqueue) {
    String was = before == null ? null : controllingRc(before);
    String now = after == null ? null : controllingRc(after);
    if (was != null) {
      enqueue.accept(was);
    }
    if (now != null && !now.equals(was)) {
      enqueue.accept(now);
    }
    if (after != null && now == null && after.metadata().deletionTimestamp() == null) {
      String namespace = after.metadata().namespace();
      for (var object : view.list("replicationcontrollers", namespace, null, 0, o -> true).items()) {
        ReplicationController rc = (ReplicationController) object;
        if (!rc.spec().selector().isEmpty()
            && LabelSelector.fromMap(rc.spec().selector()).matches(after.metadata().labelsOrEmpty())) {
          enqueue.accept(ReplicationControllerEntity.entityId(rc));
        }
      }
    }
  }

  private static String controllingRc(Pod pod) {
    if (pod.metadata().ownerReferences() == null) {
      return null;
    }
    for (OwnerReference ref : pod.metadata().ownerReferences()) {
      if (Boolean.TRUE.equals(ref.controller()) && "ReplicationController".equals(ref.kind())) {
        return pod.metadata().namespace() + "/" + ref.name();
      }
    }
    return null;
  }
}
