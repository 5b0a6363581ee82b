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
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One ReplicationController's observe–diff–act loop, as a sharded entity (id {@code ns/name}) on
 * whichever member sharding places it. A reconcile reads this member's watch cache — after it has
 * caught up with the revision the request names — and its writes complete only once that cache has
 * them; reconciles of one RC never overlap (a request during one runs once more after it), so a
 * reconcile never acts on a cache older than its own last writes. When the RC is gone the entity
 * stops. Two behaviours: {@link #idle} and {@link #reconciling}.
 */
public final class ReplicationControllerEntity {
  public static final EntityTypeKey<Command> TYPE = EntityTypeKey.create(Command.class, "ReplicationController");

  public interface Command extends ControllerMessage {}

  /** Reconcile once this member's cache has reached {@code revision}. */
  public record Reconcile(long revision) implements Command {}

  private record Finished(boolean rcGone, Throwable failure) implements Command {}

  private final ActorContext<Command> context;
  private final ResourceKey key;
  private final StoreClient store;
  private final ReplicationSync sync;

  private ReplicationControllerEntity(ActorContext<Command> context, String entityId, StoreClient store, Clock clock) {
    this.context = context;
    int slash = entityId.indexOf('/');
    this.key = new ResourceKey("replicationcontrollers", entityId.substring(0, slash), entityId.substring(slash + 1));
    this.store = store;
    this.sync = new ReplicationSync(store, clock);
  }

  public static Behavior<Command> create(String entityId, StoreClient store, Clock clock) {
    return Behaviors.setup(context -> new ReplicationControllerEntity(context, entityId, store, clock).idle(0));
  }

  public static String entityId(ReplicationController rc) {
    return rc.metadata().namespace() + "/" + rc.metadata().name();
  }

  /** Nothing in progress: a request starts a reconcile at the highest revision asked for so far. */
  private Behavior<Command> idle(long revision) {
    return Behaviors.receive(Command.class)
        .onMessage(Reconcile.class, request -> start(Math.max(revision, request.revision())))
        .build();
  }

  private Behavior<Command> start(long revision) {
    context.pipeToSelf(reconcile(revision), (gone, failure) -> new Finished(Boolean.TRUE.equals(gone), failure));
    return reconciling(revision, false);
  }

  /**
   * A reconcile is in flight. Requests meanwhile are remembered ({@code pending}, with the highest
   * revision) and run as one more reconcile after it, never beside it.
   */
  private Behavior<Command> reconciling(long revision, boolean pending) {
    return Behaviors.receive(Command.class)
        .onMessage(Reconcile.class, request -> reconciling(Math.max(revision, request.revision()), true))
        .onMessage(Finished.class, finished -> {
          if (finished.failure() != null) {
            context.getLog().warn("rc={}/{} reconcile failed: {}", key.namespace(), key.name(),
                finished.failure().toString());
          }
          if (pending) {
            return start(revision);
          }
          return finished.rcGone() ? Behaviors.stopped() : idle(revision);
        })
        .build();
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
}
