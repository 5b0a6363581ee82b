package io.coxswain.api;

import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.Status.StatusDetails;
import java.util.List;

/**
 * An error that the API answers with a Kubernetes {@link Status}. Thrown by decoding, validation and
 * the store client; the HTTP layer turns it into the response with {@link #status()}.
 */
public final class ApiException extends RuntimeException {
  private final transient Status status;

  public ApiException(Status status) {
    super(status.message(), null, false, false);
    this.status = status;
  }

  public Status status() {
    return status;
  }

  public int code() {
    return status.code();
  }

  public static ApiException badRequest(String message) {
    return new ApiException(Status.failure(400, "BadRequest", message, null));
  }

  public static ApiException notFound(String kind, String resource, String name) {
    return new ApiException(Status.failure(404, "NotFound",
        qualified(resource) + " \"" + name + "\" not found", details(resource, name)));
  }

  public static ApiException alreadyExists(String resource, String name) {
    return new ApiException(Status.failure(409, "AlreadyExists",
        qualified(resource) + " \"" + name + "\" already exists", details(resource, name)));
  }

  public static ApiException conflict(String resource, String name, String why) {
    return new ApiException(Status.failure(409, "Conflict",
        "Operation cannot be fulfilled on " + qualified(resource) + " \"" + name + "\": " + why,
        details(resource, name)));
  }

  /**
   * The API group of a resource (plural name) or kind, "" for the core group: errors name a
   * resource of a named group with its group, {@code deployments.apps "web" not found} and
   * {@code Deployment.apps "web" is invalid}, as Kubernetes' do. Scale is autoscaling's.
   */
  static String groupOf(String resourceOrKind) {
    if (ApiResources.SCALE.kind().equals(resourceOrKind)) {
      return "autoscaling";
    }
    return ApiResources.all().stream()
        .filter(r -> r.name().equals(resourceOrKind) || r.kind().equals(resourceOrKind))
        .map(ApiResource::group).findFirst().orElse("");
  }

  private static String qualified(String resourceOrKind) {
    String group = groupOf(resourceOrKind);
    return group.isEmpty() ? resourceOrKind : resourceOrKind + "." + group;
  }

  private static StatusDetails details(String resource, String name) {
    return new StatusDetails(name, groupOf(resource), resource, null, null, null);
  }

  public static ApiException gone(String message) {
    return new ApiException(Status.failure(410, "Expired", message, null));
  }

  public static ApiException tooLarge(String message) {
    return new ApiException(Status.failure(413, "RequestEntityTooLarge", message, null));
  }

  public static ApiException methodNotAllowed(String message) {
    return new ApiException(Status.failure(405, "MethodNotAllowed", message, null));
  }

  public static ApiException unsupportedMediaType(String message) {
    return new ApiException(Status.failure(415, "UnsupportedMediaType", message, null));
  }

  /** 422 Invalid, as Kubernetes words it: {@code Pod "x" is invalid: <field>: <message>, ...}. */
  public static ApiException invalid(String kind, String name, List<StatusCause> causes) {
    StringBuilder message = new StringBuilder(qualified(kind)).append(" \"").append(name == null ? "" : name)
        .append("\" is invalid: ");
    for (int i = 0; i < causes.size(); i++) {
      if (i > 0) {
        message.append(", ");
      }
      StatusCause cause = causes.get(i);
      message.append(cause.field()).append(": ").append(cause.message());
    }
    return new ApiException(Status.failure(422, "Invalid", message.toString(),
        new StatusDetails(name, groupOf(kind), kind, null, causes, null)));
  }

  public static ApiException internal(String message) {
    return new ApiException(Status.failure(500, "InternalError", message, null));
  }

  public static ApiException unavailable(String message) {
    return new ApiException(Status.failure(503, "ServiceUnavailable", message, null));
  }
}
