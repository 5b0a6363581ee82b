package io.coxswain.controller;

import io.coxswain.store.CacheView;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.WatchCache;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;

/**
 * One API object's observe–diff–act loop as a sharded entity (id {@code ns/name}) on whichever
 * member sharding places it: a ReplicationController's replica sync, a Service's endpoints. A
 * reconcile reads this member's watch cache — after it has caught up with the revision the request
 * names — and its writes complete only once that cache has them; reconciles of one object never
 * overlap (a request during one runs once more after it), so a reconcile never acts on a cache
 * older than its own last writes. Each request is answered once a reconcile that started after it
 * has finished, so the manager's work queue retries what failed or never arrived. When the object
 * is gone the entity asks sharding to passivate it. Two behaviours: {@link #idle} and
 * {@link #reconciling}.
 */
public final class ReconcilerEntity {
  /** What sharded entities of this kind receive. */
  public interface Command extends ControllerMessage {}

  /**
   * Reconcile once this member's cache has reached {@code revision}; {@code replyTo} hears when a
   * reconcile that started after this request has finished (an error if its writes failed).
   */
  public record Reconcile(long revision, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  private record Finished(Result result, Throwable failure) implements Command {}

  /** A look again, asked by the entity itself; no one waits for it. */
  private record Recheck() implements Command {}

  /** One reconcile of the object: completes once its writes are done. */
  @FunctionalInterface
  public interface Work {
    CompletionStage<Result> reconcile(ResourceKey key, CacheView view);
  }

  /**
   * How a reconcile ended: the object is gone (the entity passivates), or it should be looked at
   * again after {@code recheckAfter} even if nothing changes (a pod due to become available, a
   * progress deadline); null: only when asked.
   */
  public record Result(boolean gone, java.time.Duration recheckAfter) {
    public static final Result GONE = new Result(true, null);
    public static final Result DONE = new Result(false, null);

    public static Result after(java.time.Duration recheckAfter) {
      return new Result(false, recheckAfter);
    }
  }

  private static final java.time.Duration RETRY_AFTER_FAILURE = java.time.Duration.ofSeconds(1);
  /**
   * How long a reconcile waits for this member's cache to reach the revision it was asked for. A
   * cache that does not get there (its watch restarting, say) fails the reconcile, which is then
   * retried, rather than holding the entity in "reconciling" for good.
   */
  static final java.time.Duration REVISION_WAIT = java.time.Duration.ofSeconds(30);

  private final ActorContext<Command> context;
  private final ResourceKey key;
  private final WatchCache cache;
  private final Work work;
  private final Runnable passivate;
  private final org.apache.pekko.actor.typed.javadsl.TimerScheduler<Command> timers;

  private ReconcilerEntity(ActorContext<Command> context, org.apache.pekko.actor.typed.javadsl.TimerScheduler<Command> timers,
      ResourceKey key, WatchCache cache, Work work, Runnable passivate) {
    this.context = context;
    this.timers = timers;
    this.key = key;
    this.cache = cache;
    this.work = work;
    this.passivate = passivate;
  }

  /**
   * @param resource the resource of the entity's object, e.g. {@code replicationcontrollers}
   * @param entityId {@code namespace/name}
   * @param passivate asks sharding to stop this entity once its object is gone; sharding then holds
   *     messages sent meanwhile for a new incarnation (an entity that stopped by itself would lose
   *     them, and the manager's asks would time out)
   */
  public static Behavior<Command> create(String resource, String entityId, WatchCache cache, Work work,
      Runnable passivate) {
    int slash = entityId.indexOf('/');
    ResourceKey key = new ResourceKey(resource, entityId.substring(0, slash), entityId.substring(slash + 1));
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new ReconcilerEntity(context, timers, key, cache, work, passivate).idle(0)));
  }

  /** The entity id of a namespaced object: {@code namespace/name}. */
  public static String entityId(io.coxswain.api.KubeObject object) {
    return object.metadata().namespace() + "/" + object.metadata().name();
  }

  /** Nothing in progress: a request starts a reconcile at the highest revision asked for so far. */
  private Behavior<Command> idle(long revision) {
    return Behaviors.receive(Command.class)
        .onMessage(Reconcile.class, request -> start(Math.max(revision, request.revision()),
            List.of(request.replyTo())))
        .onMessage(Recheck.class, recheck -> start(revision, List.of()))
        .build();
  }

  private Behavior<Command> start(long revision, List<ActorRef<StatusReply<Done>>> waiting) {
    timers.cancel("recheck");
    CompletionStage<Result> run = cache.awaitRevision(revision).toCompletableFuture()
        .orTimeout(REVISION_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .thenCompose(reached -> work.reconcile(key, cache.view()));
    context.pipeToSelf(run, Finished::new);
    return reconciling(revision, waiting, List.of(), false);
  }

  /**
   * A reconcile is in flight for {@code waiting}. Requests meanwhile ({@code next}, with the
   * highest revision), or a look again of its own ({@code again}), run as one more reconcile after
   * it, never beside it.
   */
  private Behavior<Command> reconciling(long revision, List<ActorRef<StatusReply<Done>>> waiting,
      List<ActorRef<StatusReply<Done>>> next, boolean again) {
    return Behaviors.receive(Command.class)
        .onMessage(Reconcile.class, request -> reconciling(Math.max(revision, request.revision()), waiting,
            append(next, request.replyTo()), again))
        .onMessage(Recheck.class, recheck -> reconciling(revision, waiting, next, true))
        .onMessage(Finished.class, finished -> {
          StatusReply<Done> reply;
          if (finished.failure() != null) {
            String why = StoreClient.unwrap(finished.failure()).getMessage();
            context.getLog().debug("{} {}/{}: reconcile failed: {}", key.resource(), key.namespace(), key.name(), why);
            reply = StatusReply.error(new ReconcileFailed(finished.failure()));
          } else {
            reply = StatusReply.ack();
          }
          waiting.forEach(r -> r.tell(reply));
          if (!next.isEmpty() || again) {
            return start(revision, next);
          }
          Result result = finished.result();
          if (result != null && result.gone()) {
            passivate.run();
          } else if (result != null && result.recheckAfter() != null) {
            timers.startSingleTimer("recheck", new Recheck(), result.recheckAfter());
          } else if (finished.failure() != null && waiting.isEmpty()) {
            // A look again of its own failed: no manager will retry it, so this entity does.
            timers.startSingleTimer("recheck", new Recheck(), RETRY_AFTER_FAILURE);
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
}
