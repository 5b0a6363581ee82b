package io.coxswain.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes {@code metav1.Status}: the body of every error response (and of some deletes).
 * {@code reason} uses Kubernetes' StatusReason words (NotFound, AlreadyExists, Conflict, Invalid, ...).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Status(
    String apiVersion,
    String kind,
    Map<String, Object> metadata,
    String status,
    String message,
    String reason,
    StatusDetails details,
    Integer code) {

  public static Status failure(int code, String reason, String message, StatusDetails details) {
    return new Status("v1", "Status", Map.of(), "Failure", message, reason, details, code);
  }

  public static Status success(StatusDetails details) {
    return new Status("v1", "Status", Map.of(), "Success", null, null, details, null);
  }

  /** Kubernetes {@code metav1.StatusDetails}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StatusDetails(
      String name, String group, String kind, String uid, List<StatusCause> causes, Integer retryAfterSeconds) {
    public StatusDetails {
      causes = causes == null ? null : List.copyOf(causes);
    }

    public static StatusDetails of(String kind, String name) {
      return new StatusDetails(name, "", kind, null, null, null);
    }
  }

  /**
   * Kubernetes {@code metav1.StatusCause}: one offending field. {@code reason} is a CauseType such as
   * FieldValueRequired, FieldValueInvalid, FieldValueNotSupported, FieldValueDuplicate,
   * FieldValueForbidden, FieldValueTooLong, FieldValueTypeInvalid.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StatusCause(String reason, String message, String field) {}
}
