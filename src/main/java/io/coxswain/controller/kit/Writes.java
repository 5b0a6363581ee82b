package io.coxswain.controller.kit;

import io.coxswain.store.StoreClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A reconcile's writes as one result, so none can fail unseen: it completes once every write has
 * ended, successfully if each succeeded or found its object gone (404: nothing left to do), and
 * otherwise with the most telling failure — anything but a conflict before a conflict — which the
 * {@link Controller} logs with the key and retries with backoff.
 */
public final class Writes {
  private Writes() {}

  public static CompletionStage<Void> all(List<? extends CompletionStage<?>> writes) {
    CompletableFuture<?>[] futures = writes.stream().map(CompletionStage::toCompletableFuture)
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(futures).handle((ok, ignored) -> {
      Throwable worst = null;
      for (CompletableFuture<?> future : futures) {
        Throwable failure = failureOf(future);
        if (failure != null && !isNotFound(failure) && (worst == null || isConflict(worst))) {
          worst = failure;
        }
      }
      if (worst != null) {
        throw worst instanceof CompletionException c ? c : new CompletionException(worst);
      }
      return null;
    });
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    if (!future.isCompletedExceptionally()) {
      return null;
    }
    try {
      future.join();
      return null;
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      return e.getCause() != null ? e.getCause() : e;
    }
  }

  static boolean isNotFound(Throwable failure) {
    return StoreClient.unwrap(failure).code() == 404;
  }

  static boolean isConflict(Throwable failure) {
    return StoreClient.unwrap(failure).code() == 409;
  }
}
