package io.coxswain.apiserver;

import io.coxswain.api.ApiException;
import io.coxswain.api.Status;
import java.util.List;

/**
 * The revision a list is read at, from {@code resourceVersion} and {@code resourceVersionMatch}, as
 * Kubernetes' ValidateListOptions and its list semantics have them:
 *
 * <ul>
 *   <li>no resourceVersion: the most recent state;
 *   <li>{@code "0"}: any state (the cache's, at once);
 *   <li>R (or R with {@code NotOlderThan}): a state not older than R, waiting briefly for it;
 *   <li>R with {@code Exact}: the state at exactly R, from the watch window (410 when R has left it).
 * </ul>
 *
 * {@code resourceVersionMatch} without a resourceVersion, with {@code continue}, with a watch, with
 * another value, or {@code Exact} with "0", is 422 on ListOptions in Kubernetes' words.
 */
record ListOptions(long revision, boolean exact) {
  static final String EXACT = "Exact";
  static final String NOT_OLDER_THAN = "NotOlderThan";

  /** The most recent state. */
  static final ListOptions LATEST = new ListOptions(0, false);

  static ListOptions parse(ApiRequest request, boolean watch) {
    String rv = request.param("resourceVersion");
    String match = request.param("resourceVersionMatch");
    String token = request.param("continue");
    boolean hasRv = rv != null && !rv.isEmpty();
    if (match != null && !match.isEmpty()) {
      if (!match.equals(EXACT) && !match.equals(NOT_OLDER_THAN)) {
        throw invalid(new Status.StatusCause("FieldValueNotSupported", "Unsupported value: \"" + match
            + "\": supported values: \"Exact\", \"NotOlderThan\", \"\"", "resourceVersionMatch"));
      }
      if (watch) {
        throw forbidden("resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided");
      }
      if (!hasRv) {
        throw forbidden("resourceVersionMatch is forbidden unless resourceVersion is provided");
      }
      if (token != null && !token.isEmpty()) {
        throw forbidden("resourceVersionMatch is forbidden when continue is provided");
      }
      if (match.equals(EXACT) && rv.equals("0")) {
        throw forbidden("resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
      }
    }
    if (token != null && !token.isEmpty() && hasRv && !rv.equals("0")) {
      throw ApiException.badRequest("specifying resource version is not allowed when using continue");
    }
    long revision = ReadHandler.parseRevision(rv);
    String limit = request.param("limit");
    boolean paged = limit != null && !limit.isEmpty() && !limit.equals("0");
    // A resourceVersion with a limit and no match is read exactly, as Kubernetes reads it.
    boolean exact = EXACT.equals(match) || ((match == null || match.isEmpty()) && revision > 0 && paged && !watch);
    return new ListOptions(revision, exact);
  }

  /** Whether the list waits for the cache to reach a revision (not older than R). */
  boolean waits() {
    return revision > 0;
  }

  private static ApiException forbidden(String detail) {
    return invalid(new Status.StatusCause("FieldValueForbidden", "Forbidden: " + detail, "resourceVersionMatch"));
  }

  private static ApiException invalid(Status.StatusCause cause) {
    return new ApiException(Status.failure(422, "Invalid", "ListOptions.meta.k8s.io \"\" is invalid: "
        + cause.field() + ": " + cause.message(),
        new Status.StatusDetails("", "meta.k8s.io", "ListOptions", null, List.of(cause), null)));
  }

  /** Kubernetes' answer when the cache has not reached R within the wait: 504 with Retry-After 1. */
  static ApiException tooLarge(long wanted, long current) {
    return new ApiException(Status.failure(504, "Timeout", "Too large resource version: " + wanted + ", current: "
        + current, new Status.StatusDetails(null, null, null, null, List.of(new Status.StatusCause(
            "ResourceVersionTooLarge", "Too large resource version", null)), 1)));
  }
}
