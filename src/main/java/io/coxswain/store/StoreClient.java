package io.coxswain.store;

import io.coxswain.api.ApiException;
import io.coxswain.api.KubeObject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * How everything else talks to the store: writes go to the store singleton; reads of lists and
 * watches come from this node's {@link WatchCache}. A write completes only once this node's cache
 * has applied it, so whoever got the answer reads their own write through the same node.
 */
public final class StoreClient {
  private static final int MAX_CONFLICT_RETRIES = 8;

  private final ActorRef<ObjectStore.Command> store;
  private final WatchCache cache;
  private final ActorSystem<?> system;
  private final Duration timeout;

  public StoreClient(ActorRef<ObjectStore.Command> store, WatchCache cache, ActorSystem<?> system, Duration timeout) {
    this.store = store;
    this.cache = cache;
    this.system = system;
    this.timeout = timeout;
  }

  public WatchCache cache() {
    return cache;
  }

  public CompletionStage<Change> write(StoreOp op) {
    CompletionStage<WriteResult> answer =
        AskPattern.ask(store, replyTo -> new ObjectStore.Write(op, replyTo), timeout, system.scheduler());
    return answer.handle((result, failure) -> {
      if (failure != null) {
        throw unwrap(failure);
      }
      if (!result.ok()) {
        throw new ApiException(result.error());
      }
      return result.change();
    }).thenCompose(change -> cache.awaitRevision(change.revision()).thenApply(r -> change));
  }

  public CompletionStage<KubeObject> create(ResourceKey key, KubeObject object) {
    return write(new StoreOp.Create(key, object)).thenApply(Change::object);
  }

  /** The latest committed object, read from the store itself rather than from a cache. */
  public CompletionStage<Optional<KubeObject>> getLatest(ResourceKey key) {
    CompletionStage<Optional<KubeObject>> answer =
        AskPattern.ask(store, replyTo -> new ObjectStore.Get(key, replyTo), timeout, system.scheduler());
    return answer.exceptionally(failure -> {
      throw unwrap(failure);
    });
  }

  /**
   * Read-modify-write with optimistic concurrency, retried on conflict (Kubernetes'
   * GuaranteedUpdate): {@code decide} sees the latest object (null when absent) and returns the
   * write to make — whose preconditions should name the resourceVersion it read — or null for no
   * change. Completes with the committed change, or with a null-revision change carrying the
   * unchanged object when there was nothing to write.
   */
  public CompletionStage<Change> mutate(ResourceKey key, Function<KubeObject, StoreOp> decide) {
    return mutate(key, decide, 0);
  }

  private CompletionStage<Change> mutate(ResourceKey key, Function<KubeObject, StoreOp> decide, int attempt) {
    return getLatest(key).thenCompose(current -> {
      StoreOp op = decide.apply(current.orElse(null));
      if (op == null) {
        KubeObject unchanged = current.orElse(null);
        return CompletableFuture.completedFuture(new Change(0, ChangeType.MODIFIED, key, unchanged));
      }
      return write(op).handle((change, failure) -> {
        if (failure == null) {
          return CompletableFuture.completedFuture(change);
        }
        ApiException error = unwrap(failure);
        if (isConflict(error) && attempt < MAX_CONFLICT_RETRIES && readVersionOf(op) != null) {
          return mutate(key, decide, attempt + 1);
        }
        return CompletableFuture.<Change>failedFuture(error);
      }).thenCompose(Function.identity());
    });
  }

  private static boolean isConflict(ApiException e) {
    return e.code() == 409 && "Conflict".equals(e.status().reason());
  }

  private static String readVersionOf(StoreOp op) {
    if (op instanceof StoreOp.Update update) {
      return update.expectedResourceVersion();
    }
    if (op instanceof StoreOp.Delete delete) {
      return delete.expectedResourceVersion();
    }
    return null;
  }

  /** Unwraps completion wrappers; maps ask time-outs to 504 and anything else to 500. */
  public static ApiException unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof java.util.concurrent.CompletionException
        || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ApiException api) {
      return api;
    }
    if (cause instanceof TimeoutException) {
      return new ApiException(io.coxswain.api.Status.failure(504, "Timeout",
          "Timeout: the store did not answer in time", null));
    }
    return ApiException.internal(String.valueOf(cause));
  }
}
