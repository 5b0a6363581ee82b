package io.coxswain.controller;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.store.CacheView;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One ReplicationController's observe–diff–act loop, as a sharded entity (id {@code ns/name}) on
 * whichever member sharding places it. A reconcile reads this member's watch cache — after it has
 * caught up with the revision the request names — and its writes complete only once that cache has
 * them; reconciles of one RC never overlap (a request during one runs once more after it), so a
 * reconcile never acts on a cache older than its own last writes. When the RC is gone the entity
 * stops.
 */
public final class ReplicationControllerEntity extends AbstractBehavior<ReplicationControllerEntity.Command> {
  public static final EntityTypeKey<Command> TYPE = EntityTypeKey.create(Command.class, "ReplicationController");

  public interface Command extends ControllerMessage {}

  /** Reconcile once this member's cache has reached {@code revision}. */
  public record Reconcile(long revision) implements Command {}

  private record Finished(boolean rcGone, Throwable failure) implements Command {}

  private final ResourceKey key;
  private final StoreClient store;
  private final ReplicationSync sync;
  private long revision;
  private boolean busy;
  private boolean again;

  private ReplicationControllerEntity(ActorContext<Command> context, String entityId, StoreClient store, Clock clock) {
    super(context);
    int slash = entityId.indexOf('/');
    this.key = new ResourceKey("replicationcontrollers", entityId.substring(0, slash), entityId.substring(slash + 1));
    this.store = store;
    this.sync = new ReplicationSync(store, clock);
  }

  public static Behavior<Command> create(String entityId, StoreClient store, Clock clock) {
    return Behaviors.setup(context -> new ReplicationControllerEntity(context, entityId, store, clock));
  }

  public static String entityId(ReplicationController rc) {
    return rc.metadata().namespace() + "/" + rc.metadata().name();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Reconcile.class, this::onReconcile)
        .onMessage(Finished.class, this::onFinished)
        .build();
  }

  private Behavior<Command> onReconcile(Reconcile request) {
    revision = Math.max(revision, request.revision());
    if (busy) {
      again = true;
      return this;
    }
    busy = true;
    getContext().pipeToSelf(reconcile(revision), (gone, failure) -> new Finished(Boolean.TRUE.equals(gone), failure));
    return this;
  }

  /** Completes with whether the RC is gone, once this reconcile's writes are done. */
  private CompletionStage<Boolean> reconcile(long atLeast) {
    return store.cache().awaitRevision(atLeast).thenCompose(reached -> {
      CacheView view = store.cache().view();
      ReplicationController rc = (ReplicationController) view.get(key);
      if (rc == null) {
        return CompletableFuture.completedFuture(true);
      }
      // The pods it controls and the orphans it may adopt; pods of other controllers are none of its business.
      List<Pod> pods = new ArrayList<>();
      view.controlledPods(key.namespace(), rc.metadata().uid()).items().forEach(o -> pods.add((Pod) o));
      view.controlledPods(key.namespace(), null).items().forEach(o -> pods.add((Pod) o));
      List<CompletableFuture<?>> writes = sync.sync(rc, pods);
      return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(done -> false);
    });
  }

  private Behavior<Command> onFinished(Finished finished) {
    busy = false;
    if (finished.failure() != null) {
      getContext().getLog().warn("rc={}/{} reconcile failed: {}", key.namespace(), key.name(),
          finished.failure().toString());
    }
    if (finished.rcGone() && !again) {
      return Behaviors.stopped();
    }
    if (again) {
      again = false;
      return onReconcile(new Reconcile(revision));
    }
    return this;
  }
}
