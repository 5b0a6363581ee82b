package io.coxswain.store;

import io.coxswain.api.ApiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;

/**
 * What a level-triggered controller does with a write that failed: it is not retried here (the
 * next pass looks at the cluster again and writes what is still needed), but it is never silent.
 * As in Kubernetes' controllers, 404 NotFound (the object is gone) and 409 Conflict (it changed
 * under us; the next pass sees the change) are expected and logged at debug; anything else is
 * logged at warn with the action and the object's key.
 */
public final class WriteFailures {
  private WriteFailures() {}

  /**
   * The write's result, or {@code null} once its failure has been logged.
   *
   * @param action what the write was for, e.g. "bind pod"
   * @param key    the object it was about
   */
  public static <T> CompletableFuture<T> logged(CompletionStage<T> write, Logger log, String action, Object key) {
    return write.toCompletableFuture().exceptionally(failure -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof ApiException api && (api.code() == 404 || api.code() == 409)) {
        log.debug("{} {}: {} ({}); the next pass looks again", action, key, api.getMessage(), api.code());
      } else {
        log.warn("{} {} failed; the next pass tries again: {}", action, key, cause.toString());
      }
      return null;
    });
  }
}
