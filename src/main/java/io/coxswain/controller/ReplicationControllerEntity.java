package io.coxswain.controller;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.controller.kit.Writes;
import io.coxswain.registry.Client;
import io.coxswain.registry.EventRecorder;
import io.coxswain.store.CacheView;
import io.coxswain.store.Indexes;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One ReplicationController's replica sync as a {@link ReconcilerEntity} (id {@code ns/name}):
 * the pods it controls plus the orphans it may adopt, handed to {@link ReplicationSync}.
 */
public final class ReplicationControllerEntity {
  public static final EntityTypeKey<ReconcilerEntity.Command> TYPE =
      EntityTypeKey.create(ReconcilerEntity.Command.class, "ReplicationController");

  private ReplicationControllerEntity() {}

  /** @param passivate as {@link ReconcilerEntity#create} */
  public static Behavior<ReconcilerEntity.Command> create(String entityId, WatchCache cache, Client client,
      Clock clock, Runnable passivate) {
    ReplicationSync sync = new ReplicationSync(client, new EventRecorder(client, "replication-controller", null, clock));
    return ReconcilerEntity.create("replicationcontrollers", entityId, cache,
        (key, view) -> reconcile(sync, key, view), passivate);
  }

  public static String entityId(ReplicationController rc) {
    return ReconcilerEntity.entityId(rc);
  }

  private static CompletionStage<Boolean> reconcile(ReplicationSync sync, ResourceKey key, CacheView view) {
    ReplicationController rc = (ReplicationController) view.get(key);
    if (rc == null) {
      return CompletableFuture.completedFuture(true);
    }
    // The pods it controls and the orphans it may adopt; pods of other controllers are none of its business.
    List<Pod> pods = new ArrayList<>();
    view.indexed(Indexes.CONTROLLER, Indexes.controller(key.namespace(), rc.metadata().uid()))
        .forEach(o -> pods.add((Pod) o));
    view.indexed(Indexes.CONTROLLER, Indexes.controller(key.namespace(), null)).forEach(o -> pods.add((Pod) o));
    return Writes.all(sync.sync(rc, pods)).thenApply(done -> false);
  }
}
