package io.coxswain.controller;

import io.coxswain.api.apps.Deployment;
import io.coxswain.api.apps.ReplicaSet;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.store.CacheView;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The deployment manager (a cluster singleton on the {@link Controller} kit, keyed
 * {@code namespace/name}): a change of a Deployment, or of a ReplicaSet it controls, queues the
 * Deployment, and reconciling the key asks its sharded {@link DeploymentEntity} — on whichever
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
            Informer.forControllerOf("replicasets", ReplicaSet.class, "Deployment")), clock);
  }
}
