package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.apps.ReplicaSet;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
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
 * The replica managers (cluster singletons on the {@link Controller} kit, keyed
 * {@code namespace/name}), one for ReplicationControllers and one for ReplicaSets: a change of an
 * owner, or of a pod it controls or could adopt, queues the owner, and reconciling the key asks
 * its sharded {@link ReplicaEntity} — on whichever member sharding places it — to reconcile at the
 * cache's revision and answer when done. An entity on a member that died does not answer; the key
 * is then retried with backoff and sharding starts the entity elsewhere. Pods whose owner is gone
 * are the garbage collector's.
 */
public final class ReplicationManager {
  private ReplicationManager() {}

  /** Asks the entity with this id to reconcile at {@code revision}; completes when it has, fails when it did not. */
  @FunctionalInterface
  public interface Dispatch {
    CompletionStage<?> reconcile(String entityId, long revision);
  }

  /** The ReplicationController manager. */
  public static Behavior<Controller.Command> create(WatchCache cache, Duration resync, Clock clock, Dispatch dispatch) {
    return create("replicationcontrollers", ReplicationController.class, "ReplicationController", "replication",
        cache, resync, clock, dispatch);
  }

  /** The ReplicaSet manager. */
  public static Behavior<Controller.Command> createForReplicaSets(WatchCache cache, Duration resync, Clock clock,
      Dispatch dispatch) {
    return create("replicasets", ReplicaSet.class, "ReplicaSet", "replicaset", cache, resync, clock, dispatch);
  }

  private static <T extends KubeObject> Behavior<Controller.Command> create(String resource, Class<T> type,
      String kind, String name, WatchCache cache, Duration resync, Clock clock, Dispatch dispatch) {
    return Controller.create(Controller.Settings.of(name, resync).withWorkers(16), cache,
        Controller.Reconciler.of(
            (String id, CacheView view) -> dispatch.reconcile(id, view.revision())
                .thenApply(done -> Controller.Result.DONE),
            view -> view.list(resource, null, null, 0, o -> true).items().stream()
                .map(ReconcilerEntity::entityId).toList()), List.of(
            Informer.forObjects(resource, type, ReconcilerEntity::entityId),
            Informer.forControllerOf("pods", Pod.class, kind),
            Informer.<Pod, String>of("pods", Pod.class,
                (before, after, view, enqueue) -> orphanChanged(resource, before, after, view, enqueue))), clock);
  }

  /**
   * The owners that could adopt a pod without a controller (Kubernetes' getPodControllers): every
   * RC or ReplicaSet of its namespace whose selector matches it. Its own controller, if any, is
   * queued by {@link Informer#forControllerOf}.
   */
  static void orphanChanged(String resource, Pod before, Pod after, CacheView view, Consumer<String> enqueue) {
    if (after == null || after.metadata().deletionTimestamp() != null || Owners.controllerUid(after) != null) {
      return;
    }
    String namespace = after.metadata().namespace();
    for (var object : view.list(resource, namespace, null, 0, o -> true).items()) {
      ReplicaOwner owner = ReplicaOwner.of(object);
      if (!owner.selector().isEverything() && owner.selector().matches(after.metadata().labelsOrEmpty())) {
        enqueue.accept(ReconcilerEntity.entityId(object));
      }
    }
  }

  /** The RCs that could adopt a pod without a controller. */
  static void orphanChanged(Pod before, Pod after, CacheView view, Consumer<String> enqueue) {
    orphanChanged("replicationcontrollers", before, after, view, enqueue);
  }
}
