package io.coxswain.controller;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.selector.LabelSelector;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.store.CacheView;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
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
        Controller.Reconciler.of(
            (String id, CacheView view) -> dispatch.reconcile(id, view.revision())
                .thenApply(done -> Controller.Result.DONE),
            view -> view.list("replicationcontrollers", null, null, 0, o -> true).items().stream()
                .map(o -> ReplicationControllerEntity.entityId((ReplicationController) o)).toList()), List.of(
            Informer.forObjects("replicationcontrollers", ReplicationController.class,
                ReplicationControllerEntity::entityId),
            Informer.forControllerOf("pods", Pod.class, "ReplicationController"),
            Informer.of("pods", Pod.class, ReplicationManager::orphanChanged)), clock);
  }

  /**
   * The RCs that could adopt a pod without a controller (Kubernetes' getPodControllers): every RC
   * of its namespace whose selector matches it. Its own controller, if any, is queued by
   * {@link Informer#forControllerOf}.
   */
  static void orphanChanged(Pod before, Pod after, CacheView view, Consumer<String> enqueue) {
    if (after == null || after.metadata().deletionTimestamp() != null
        || Informer.controllerKey(after, "ReplicationController") != null) {
      return;
    }
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
