package io.coxswain.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes' server-side field validation ({@code ?fieldValidation=}): what to do with fields of a
 * request body that the kind does not have, and with a field given twice in one object.
 *
 * <ul>
 *   <li>{@code Ignore}: drop them silently;
 *   <li>{@code Warn} (the default when the parameter is absent): accept the request and answer one
 *       {@code Warning} header per field, e.g. {@code unknown field "spec.containers[0].imagePolicy"};
 *   <li>{@code Strict} (kubectl's default, {@code --validate=strict}): refuse with 400 BadRequest
 *       "strict decoding error: unknown field "spec.foo", duplicate field "metadata.name"".
 * </ul>
 *
 * Paths are JSON paths with list indexes, as Kubernetes writes them.
 */
public enum FieldValidation {
  IGNORE("Ignore"), WARN("Warn"), STRICT("Strict");

  private final String value;

  FieldValidation(String value) {
    this.value = value;
  }

  /**
   * The query parameter's value; absent or empty is Warn. Anything else is 422 Invalid on the
   * request's options kind ({@code CreateOptions}, {@code UpdateOptions}, {@code PatchOptions}),
   * with the words Kubernetes uses.
   */
  public static FieldValidation parse(String value, String optionsKind) {
    if (value == null || value.isEmpty()) {
      return WARN;
    }
    for (FieldValidation v : values()) {
      if (v.value.equals(value)) {
        return v;
      }
    }
    Status.StatusCause cause = new Status.StatusCause("FieldValueNotSupported",
        "Unsupported value: \"" + value + "\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"",
        "fieldValidation");
    throw new ApiException(Status.failure(422, "Invalid", optionsKind + ".meta.k8s.io \"\" is invalid: "
        + "fieldValidation: " + cause.message(), new Status.StatusDetails(null, "meta.k8s.io", optionsKind, null,
        List.of(cause), null)));
  }

  @Override
  public String toString() {
    return value;
  }

  /**
   * The problems of a well-formed body decoded as {@code type}, in document order as Kubernetes'
   * one-pass decoder reports them: {@code unknown field "path"} for a field the kind does not have,
   * {@code duplicate field "path"} for a field given twice in one object. The schema is the
   * model's own (the records and their Jackson names); values of free-form fields (fieldsV1, ...)
   * and of scalar types with their own readers (quantities, int-or-string) are not looked into.
   */
  static List<String> problems(ObjectMapper mapper, byte[] body, Class<?> type) throws IOException {
    List<String> found = new ArrayList<>();
    Deque<Frame> frames = new ArrayDeque<>();
    JavaType next = mapper.constructType(type);
    try (JsonParser p = mapper.createParser(body)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case START_OBJECT -> {
            Map<String, JavaType> fields = next == null ? null : fieldsOf(mapper, next);
            frames.push(new Frame(fields, fields == null ? elementOf(next) : null));
          }
          case START_ARRAY -> frames.push(new Frame(null, next == null ? null : next.getContentType()));
          case END_OBJECT, END_ARRAY -> frames.pop();
          case FIELD_NAME -> {
            Frame frame = frames.peek();
            String name = p.currentName();
            boolean repeated = !frame.seen.add(name);
            if (frame.fields != null && !frame.fields.containsKey(name)) {
              found.add("unknown field \"" + path(p.getParsingContext(), name) + "\"");
              p.nextToken();
              p.skipChildren();
              continue;
            }
            if (repeated) {
              found.add("duplicate field \"" + path(p.getParsingContext(), name) + "\"");
            }
            next = frame.fields != null ? frame.fields.get(name) : frame.element;
            continue;
          }
          default -> { }
        }
        // After a value inside an array the next value is another element.
        Frame frame = frames.peek();
        if (frame != null && frame.fields == null) {
          next = frame.element;
        }
      }
    }
    return found;
  }

  /** One open object or array: its fields (a record) or its element type (a list or map). */
  private record Frame(Map<String, JavaType> fields, JavaType element, Set<String> seen) {
    Frame(Map<String, JavaType> fields, JavaType element) {
      this(fields, element, new HashSet<>());
    }
  }

  private static final Map<JavaType, Map<String, JavaType>> FIELDS = new ConcurrentHashMap<>();

  /** A record's fields by JSON name, or null when the type is not a record checked field by field. */
  private static Map<String, JavaType> fieldsOf(ObjectMapper mapper, JavaType type) {
    Class<?> raw = type.getRawClass();
    if (!raw.isRecord() || raw.isAnnotationPresent(JsonDeserialize.class)) {
      return null;
    }
    return FIELDS.computeIfAbsent(type, t -> {
      Map<String, JavaType> fields = new HashMap<>();
      for (BeanPropertyDefinition property : mapper.getDeserializationConfig().introspect(t).findProperties()) {
        if (property.couldDeserialize()) {
          fields.put(property.getName(), property.getPrimaryType());
        }
      }
      return Map.copyOf(fields);
    });
  }

  /** A map's value type (its keys are free), or null for anything not looked into. */
  private static JavaType elementOf(JavaType type) {
    return type != null && type.isMapLikeType() ? type.getContentType() : null;
  }

  /** "spec.containers[0].name": {@code field} of the object whose context is {@code holder}. */
  private static String path(JsonStreamContext holder, String field) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = holder.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
      parts.add(c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
    }
    StringBuilder path = new StringBuilder();
    for (int i = parts.size() - 1; i >= 0; i--) {
      path.append(parts.get(i));
    }
    path.append('.').append(field);
    return path.substring(1);
  }
}
