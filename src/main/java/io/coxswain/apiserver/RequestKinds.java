package io.coxswain.apiserver;

import io.coxswain.api.ApiException;
import io.coxswain.api.Status;
import io.coxswain.apiserver.limits.InFlight;
import java.time.Duration;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/** Which in-flight seat a request needs, and the answers given when the limits refuse one. */
final class RequestKinds {
  /** The deprecated watch paths: /api/v1/watch/... and /apis/GROUP/VERSION/watch/... */
  private static final java.util.regex.Pattern WATCH_PATH =
      java.util.regex.Pattern.compile("/(api/v1|apis/[^/]+/[^/]+)/watch(/|$)");

  private RequestKinds() {}

  /**
   * Long-running: a watch (including over a WebSocket) or a followed log, as Kubernetes'
   * long-running request check; mutating: POST, PUT, PATCH, DELETE; read-only: the rest.
   */
  static InFlight.Kind of(HttpRequest request, boolean webSocket) {
    String method = request.method().value();
    if (method.equals("GET") || method.equals("HEAD")) {
      var query = request.getUri().query();
      boolean watch = query.get("watch").map(QueryBooleans::isTrue).orElse(false)
          || WATCH_PATH.matcher(request.getUri().path()).lookingAt();
      boolean follow = request.getUri().path().endsWith("/log")
          && query.get("follow").map(QueryBooleans::isTrue).orElse(false);
      return watch || follow || webSocket ? InFlight.Kind.LONG_RUNNING : InFlight.Kind.READ_ONLY;
    }
    return InFlight.Kind.MUTATING;
  }

  /** 429 with Retry-After: 1, in the words of Kubernetes' max-in-flight filter. */
  static ApiException tooManyRequests() {
    return new ApiException(Status.failure(429, "TooManyRequests", "Too many requests, please try again later.",
        new Status.StatusDetails(null, null, null, null, null, 1)));
  }

  /** 408: the client did not send its body in time (the server is not the slow party). */
  static ApiException slowBody(Duration bodyTimeout) {
    return new ApiException(Status.failure(408, "Timeout",
        "the request body was not received within " + bodyTimeout.toSeconds() + "s", null));
  }
}
