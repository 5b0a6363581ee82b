package io.coxswain.api.validation;

import io.coxswain.api.Status.StatusCause;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds {@link StatusCause}s the way Kubernetes' field.Error does, so messages read exactly like a
 * real API server's: the cause type as reason and {@code ErrorBody()} as message, e.g.
 * {@code Invalid value: "Foo": a lowercase RFC 1123 subdomain must ...} or {@code Required value}.
 * Values are printed as Go's {@code %#v} would (strings quoted, numbers bare, maps as
 * {@code map[string]string{"a":"b"}}).
 */
final class Causes {
  static final String REQUIRED = "FieldValueRequired";
  static final String INVALID = "FieldValueInvalid";
  static final String NOT_SUPPORTED = "FieldValueNotSupported";
  static final String DUPLICATE = "FieldValueDuplicate";
  static final String FORBIDDEN = "FieldValueForbidden";
  static final String TOO_LONG = "FieldValueTooLong";
  static final String NOT_FOUND = "FieldValueNotFound";

  private Causes() {}

  static StatusCause required(String field, String detail) {
    boolean bare = detail == null || detail.isEmpty();
    return new StatusCause(REQUIRED, bare ? "Required value" : "Required value: " + detail, field);
  }

  static StatusCause invalid(String field, Object value, String detail) {
    return new StatusCause(INVALID, "Invalid value: " + format(value) + ": " + detail, field);
  }

  static StatusCause notSupported(String field, Object value, List<String> supported) {
    String values = supported.stream().map(Causes::quote).collect(Collectors.joining(", "));
    return new StatusCause(NOT_SUPPORTED, "Unsupported value: " + format(value) + ": supported values: " + values,
        field);
  }

  static StatusCause duplicate(String field, Object value) {
    return new StatusCause(DUPLICATE, "Duplicate value: " + format(value), field);
  }

  static StatusCause forbidden(String field, String detail) {
    return new StatusCause(FORBIDDEN, "Forbidden: " + detail, field);
  }

  static StatusCause tooLong(String field, int maxBytes) {
    return new StatusCause(TOO_LONG, "Too long: must have at most " + maxBytes + " bytes", field);
  }

  static StatusCause notFound(String field, Object value) {
    return new StatusCause(NOT_FOUND, "Not found: " + format(value), field);
  }

  /** "field is immutable", Kubernetes' ValidateImmutableField. */
  static StatusCause immutable(String field, Object newValue) {
    return invalid(field, newValue, "field is immutable");
  }

  static String format(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> map) {
      // Go prints map keys sorted.
      return new TreeMap<>(map).entrySet().stream()
          .map(e -> quote(String.valueOf(e.getKey())) + ":" + quote(String.valueOf(e.getValue())))
          .collect(Collectors.joining(", ", "map[string]string{", "}"));
    }
    if (value instanceof List<?> list) {
      return list.stream().map(v -> quote(String.valueOf(v))).collect(Collectors.joining(", ", "[]string{", "}"));
    }
    return quote(value.toString());
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
