package io.coxswain.apiserver.logs;

import io.coxswain.api.ApiException;
import io.coxswain.api.Status;
import io.coxswain.node.runtime.LogReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The query of {@code GET .../pods/{name}/log} ({@code PodLogOptions}), checked as Kubernetes
 * checks it: numbers that are not numbers are 400, values out of range are 422 naming the field.
 */
public record LogQuery(String container, boolean follow, boolean previous, boolean timestamps, Integer tailLines,
                       Long sinceSeconds, Long limitBytes) {

  public static LogQuery parse(Map<String, String> query, String podName, Clock clock) {
    List<Status.StatusCause> causes = new ArrayList<>();
    Long tail = number(query, "tailLines");
    Long since = number(query, "sinceSeconds");
    Long limit = number(query, "limitBytes");
    String sinceTime = query.get("sinceTime");
    if (tail != null && tail < 0) {
      causes.add(invalid("tailLines", tail, "must be greater than or equal to 0"));
    }
    if (since != null && since < 1) {
      causes.add(invalid("sinceSeconds", since, "must be greater than 0"));
    }
    if (limit != null && limit < 1) {
      causes.add(invalid("limitBytes", limit, "must be greater than 0"));
    }
    if (since != null && sinceTime != null) {
      causes.add(new Status.StatusCause("FieldValueForbidden",
          "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified", "sinceSeconds"));
    }
    if (sinceTime != null && since == null) {
      try {
        // The runtime counts whole seconds back from now; a time in the future means "from now".
        since = Math.max(1, Duration.between(Instant.parse(sinceTime), clock.instant()).toSeconds());
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest("sinceTime: invalid RFC3339 time \"" + sinceTime + "\"");
      }
    }
    if (!causes.isEmpty()) {
      throw ApiException.invalid("PodLogOptions", podName, causes);
    }
    return new LogQuery(query.getOrDefault("container", ""), flag(query, "follow"), flag(query, "previous"),
        flag(query, "timestamps"), tail == null ? null : (int) Math.min(Integer.MAX_VALUE, tail), since, limit);
  }

  public LogReader.LogOptions options() {
    return new LogReader.LogOptions(follow && !previous, tailLines, sinceSeconds, timestamps, limitBytes);
  }

  private static Long number(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": invalid integer \"" + value + "\"");
    }
  }

  private static boolean flag(Map<String, String> query, String name) {
    return io.coxswain.apiserver.QueryBooleans.isTrue(query.get(name));
  }

  private static Status.StatusCause invalid(String field, long value, String why) {
    return new Status.StatusCause("FieldValueInvalid", "Invalid value: " + value + ": " + why, field);
  }
}
