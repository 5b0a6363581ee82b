package io.coxswain.controller;

import io.coxswain.api.apps.Deployment;
import io.coxswain.api.apps.ReplicaSet;
import io.coxswain.api.core.Pod;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.store.CacheView;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The deployment manager (a cluster singleton on the {@link Controller} kit, keyed
 * {@code namespace/name}): a change of a Deployment, or of a ReplicaSet it controls, or the
 * deletion of a pod of such a set, queues the Deployment, and reconciling the key asks its sharded {@link DeploymentEntity} — on whichever
 * member sharding places it — to take the next rollout step at the cache's revision. A rollout's
 * whole state is in the store (the ReplicaSets' replicas and revisions, the Deployment's status), so
 * an entity that dies with its member is started elsewhere and continues where it was.
 */
public final class DeploymentController {
  private DeploymentController() {}

  public static Behavior<Controller.Command> create(WatchCache cache, Duration resync, Clock clock,
      ReplicationManager.Dispatch dispatch) {
    return Controller.create(Controller.Settings.of("deployment", resync).withWorkers(16), cache,
        Controller.Reconciler.of(
            (String id, CacheView view) -> dispatch.reconcile(id, view.revision())
                .thenApply(done -> Controller.Result.DONE),
            view -> view.list("deployments", null, null, 0, o -> true).items().stream()
                .map(ReconcilerEntity::entityId).toList()), List.of(
            Informer.forObjects("deployments", Deployment.class, ReconcilerEntity::entityId),
            Informer.forControllerOf("replicasets", ReplicaSet.class, "Deployment"),
            Informer.of("pods", Pod.class, DeploymentController::podDeleted)), clock);
  }

  /**
   * A pod of a Deployment's ReplicaSet is gone: its Deployment looks again, as Kubernetes' deletePod
   * handler does, because a Recreate rollout waits for the last old pod to be gone before it
   * creates the new version, and nothing else about the Deployment or its sets changes then.
   */
  static void podDeleted(Pod before, Pod after, CacheView view, java.util.function.Consumer<String> enqueue) {
    if (after != null || before == null) {
      return;
    }
    String replicaSet = Informer.controllerKey(before, "ReplicaSet");
    if (replicaSet == null) {
      return;
    }
    String[] key = replicaSet.split("/", 2);
    if (view.get(new ResourceKey("replicasets", key[0], key[1])) instanceof ReplicaSet rs) {
      String deployment = Informer.controllerKey(rs, "Deployment");
      if (deployment != null) {
        enqueue.accept(deployment);
      }
    }
  }
}
