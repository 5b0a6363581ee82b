package io.coxswain.store;

import io.coxswain.api.ApiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;

/**
 * A best-effort write whose failure must not fail its caller — Events, as Kubernetes' event
 * recorder treats them. It is never silent: 404 NotFound (the object is gone) and 409 Conflict
 * (it changed meanwhile) are logged at debug, anything else at warn with the action and the
 * object's key. Controllers do not use this: their failures go back to their work queue
 * ({@code controller.kit.Writes}) and are retried with backoff.
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
        log.debug("{} {}: {} ({}); not retried", action, key, api.getMessage(), api.code());
      } else {
        log.warn("{} {} failed; not retried: {}", action, key, cause.toString());
      }
      return null;
    });
  }
}
