package io.coxswain.controller;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.controller.kit.Writes;
import io.coxswain.registry.Client;
import io.coxswain.registry.EventRecorder;
import java.time.Clock;
import io.coxswain.store.CacheView;
import io.coxswain.store.WatchCache;
import io.coxswain.store.Indexes;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One ReplicationController's observe–diff–act loop, as a sharded entity (id {@code ns/name}) on
 * whichever member sharding places it. A reconcile reads this member's watch cache — after it has
 * caught up with the revision the request names — and its writes complete only once that cache has
 * them; reconciles of one RC never overlap (a request during one runs once more after it), so a
 * reconcile never acts on a cache older than its own last writes. Each request is answered once
 * a reconcile that started after it has finished, so the manager's work queue retries what failed
 * or never arrived. When the RC is gone the entity asks sharding to passivate it. Two behaviours: {@link #idle} and {@link #reconciling}.
 */
public final class ReplicationControllerEntity {
  public static final EntityTypeKey<Command> TYPE = EntityTypeKey.create(Command.class, "ReplicationController");

  public interface Command extends ControllerMessage {}

  /**
   * Reconcile once this member's cache has reached {@code revision}; {@code replyTo} hears when a
   * reconcile that started after this request has finished (an error if its writes failed).
   */
  public record Reconcile(long revision, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  private record Finished(boolean rcGone, Throwable failure) implements Command {}

  private final ActorContext<Command> context;
  private final ResourceKey key;
  private final WatchCache cache;
  private final ReplicationSync sync;
  private final Runnable passivate;

  private ReplicationControllerEntity(ActorContext<Command> context, String entityId, WatchCache cache, Client client,
      Clock clock, Runnable passivate) {
    this.passivate = passivate;
    this.context = context;
    int slash = entityId.indexOf('/');
    this.key = new ResourceKey("replicationcontrollers", entityId.substring(0, slash), entityId.substring(slash + 1));
    this.cache = cache;
    this.sync = new ReplicationSync(client, new EventRecorder(client, "replication-controller", null, clock));
  }

  /**
   * @param passivate asks sharding to stop this entity once its RC is gone; sharding then holds
   *     messages sent meanwhile for a new incarnation (an entity that stopped by itself would lose
   *     them, and the manager's asks would time out)
   */
  public static Behavior<Command> create(String entityId, WatchCache cache, Client client, Clock clock,
      Runnable passivate) {
    return Behaviors.setup(context -> new ReplicationControllerEntity(context, entityId, cache, client, clock,
        passivate).idle(0));
  }

  public static String entityId(ReplicationController rc) {
    return rc.metadata().namespace() + "/" + rc.metadata().name();
  }

  /** Nothing in progress: a request starts a reconcile at the highest revision asked for so far. */
  private Behavior<Command> idle(long revision) {
    return Behaviors.receive(Command.class)
        .onMessage(Reconcile.class, request -> start(Math.max(revision, request.revision()),
            List.of(request.replyTo())))
        .build();
  }

  private Behavior<Command> start(long revision, List<ActorRef<StatusReply<Done>>> waiting) {
    context.pipeToSelf(reconcile(revision), (gone, failure) -> new Finished(Boolean.TRUE.equals(gone), failure));
    return reconciling(revision, waiting, List.of());
  }

  /**
   * A reconcile is in flight for {@code waiting}. Requests meanwhile ({@code next}, with the
   * highest revision) run as one more reconcile after it, never beside it.
   */
  private Behavior<Command> reconciling(long revision, List<ActorRef<StatusReply<Done>>> waiting,
      List<ActorRef<StatusReply<Done>>> next) {
    return Behaviors.receive(Command.class)
        .onMessage(Reconcile.class, request -> reconciling(Math.max(revision, request.revision()), waiting,
            append(next, request.replyTo())))
        .onMessage(Finished.class, finished -> {
          StatusReply<Done> reply;
          if (finished.failure() != null) {
            String why = StoreClient.unwrap(finished.failure()).getMessage();
            context.getLog().debug("rc={}/{} reconcile failed: {}", key.namespace(), key.name(), why);
            reply = StatusReply.error(new ReconcileFailed(finished.failure()));
          } else {
            reply = StatusReply.ack();
          }
          waiting.forEach(r -> r.tell(reply));
          if (!next.isEmpty()) {
            return start(revision, next);
          }
          if (finished.rcGone()) {
            passivate.run();
          }
          return idle(revision);
        })
        .build();
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> more = new ArrayList<>(list);
    more.add(item);
    return List.copyOf(more);
  }

  /** A reconcile's writes failed; carries the store's answer so the manager can tell a conflict. */
  public static final class ReconcileFailed extends RuntimeException {
    public ReconcileFailed(Throwable cause) {
      super(StoreClient.unwrap(cause).getMessage(), StoreClient.unwrap(cause));
    }
  }

  /** Completes with whether the RC is gone, once this reconcile's writes are done. */
  private CompletionStage<Boolean> reconcile(long atLeast) {
    return cache.awaitRevision(atLeast).thenCompose(reached -> {
      CacheView view = cache.view();
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
    });
  }
}
