package io.coxswain.apiserver;

import io.coxswain.api.Json;
import io.coxswain.api.Status;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;

/**
 * What the HTTP layer answers to a request it cannot parse at all (an unknown method, a bad
 * {@code %zz} escape, a malformed header): a Kubernetes {@code Status} like every other error,
 * never plain text. Configured as {@code pekko.http.server.parsing.error-handler}.
 */
public final class StatusParsingErrors extends ParsingErrorHandler {
  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter log, ServerSettings settings) {
    int code = status.intValue();
    String reason = switch (code) {
      case 400 -> "BadRequest";
      case 405, 501 -> "MethodNotAllowed";
      case 413 -> "RequestEntityTooLarge";
      case 414 -> "RequestURITooLong";
      case 431 -> "RequestHeaderFieldsTooLarge";
      default -> "BadRequest";
    };
    int answered = code == 501 ? 405 : code;
    String message = info.summary() == null || info.summary().isEmpty() ? status.reason() : info.summary();
    Status body = Status.failure(answered, reason, message, null);
    return HttpResponse.create().withStatus(StatusCodes.get(answered))
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, Json.encode(body, false)));
  }
}
