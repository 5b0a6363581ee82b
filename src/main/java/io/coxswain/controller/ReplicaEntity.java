package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Pod;
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
 * One ReplicationController's or ReplicaSet's replica sync as a {@link ReconcilerEntity} (id
 * {@code ns/name}): the pods it controls plus the orphans it may adopt, handed to
 * {@link ReplicationSync}; it looks again when a ready pod is due to become available.
 */
public final class ReplicaEntity {
  public static final EntityTypeKey<ReconcilerEntity.Command> REPLICATION_CONTROLLER =
      EntityTypeKey.create(ReconcilerEntity.Command.class, "ReplicationController");
  public static final EntityTypeKey<ReconcilerEntity.Command> REPLICA_SET =
      EntityTypeKey.create(ReconcilerEntity.Command.class, "ReplicaSet");

  private ReplicaEntity() {}

  /**
   * @param resource {@code replicationcontrollers} or {@code replicasets}
   * @param passivate as {@link ReconcilerEntity#create}
   */
  public static Behavior<ReconcilerEntity.Command> create(String resource, String entityId, WatchCache cache,
      Client client, Clock clock, Runnable passivate) {
    String component = resource.equals("replicasets") ? "replicaset-controller" : "replication-controller";
    ReplicationSync sync = new ReplicationSync(client, new EventRecorder(client, component, null, clock), clock);
    return ReconcilerEntity.create(resource, entityId, cache, (key, view) -> reconcile(sync, key, view), passivate);
  }

  private static CompletionStage<ReconcilerEntity.Result> reconcile(ReplicationSync sync, ResourceKey key,
      CacheView view) {
    KubeObject object = view.get(key);
    if (object == null) {
      return CompletableFuture.completedFuture(ReconcilerEntity.Result.GONE);
    }
    // The pods it controls and the orphans it may adopt; pods of other controllers are none of its business.
    List<Pod> pods = new ArrayList<>();
    view.indexed(Indexes.CONTROLLER, Indexes.controller(key.namespace(), object.metadata().uid()))
        .forEach(o -> pods.add((Pod) o));
    view.indexed(Indexes.CONTROLLER, Indexes.controller(key.namespace(), null)).forEach(o -> pods.add((Pod) o));
    ReplicationSync.Outcome outcome = sync.sync(ReplicaOwner.of(object), pods);
    return io.coxswain.controller.kit.Writes.all(outcome.writes())
        .thenApply(done -> ReconcilerEntity.Result.after(outcome.recheckAfter()));
  }
}
