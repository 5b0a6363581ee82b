package io.coxswain.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * Turns Jackson failures into the messages Kubernetes' Go decoder gives, so a user sees the JSON
 * path of the bad field ({@code spec.replicas}) and the Go type the API expects.
 */
final class DecodeErrors {
  private DecodeErrors() {}

  /** "cannot unmarshal string into Go struct field ReplicationControllerSpec.spec.replicas of type int32". */
  static String mismatch(MismatchedInputException e, JsonToken current) {
    if (e.getTargetType() == Quantity.class) {
      return Quantity.FORMAT_MESSAGE;
    }
    JsonToken token = e.getProcessor() instanceof JsonParser p && p.currentToken() != null ? p.currentToken()
        : current;
    String found = Json.tokenName(token);
    String path = path(e);
    String owner = owner(e);
    String goType = goType(e.getTargetType());
    if (path.isEmpty()) {
      return "json: cannot unmarshal " + found + " into Go value of type " + goType;
    }
    return "json: cannot unmarshal " + found + " into Go struct field " + owner + "." + path + " of type " + goType;
  }

  /** The dotted JSON path of the failure, with list indexes dropped as Go does ("spec.containers.name"). */
  static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      }
    }
    return path.toString();
  }

  /** The record that holds the bad field, named as its Kubernetes Go struct. */
  private static String owner(JsonMappingException e) {
    List<JsonMappingException.Reference> refs = e.getPath();
    for (int i = refs.size() - 1; i >= 0; i--) {
      JsonMappingException.Reference ref = refs.get(i);
      if (ref.getFieldName() != null && ref.getFrom() != null) {
        Object from = ref.getFrom();
        Class<?> type = from instanceof Class<?> c ? c : from.getClass();
        if (!Map.class.isAssignableFrom(type)) {
          return type.getSimpleName();
        }
      }
    }
    return "Object";
  }

  static String goType(Class<?> type) {
    if (type == null) {
      return "value";
    }
    if (type == Integer.class || type == int.class) {
      return "int32";
    }
    if (type == Long.class || type == long.class) {
      return "int64";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "bool";
    }
    if (type == String.class) {
      return "string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "[]interface {}";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "map[string]string";
    }
    if (type.getSimpleName().equals("IntOrString")) {
      return "intstr.IntOrString";
    }
    return "v1." + type.getSimpleName();
  }

  static String goType(Type type) {
    if (type instanceof Class<?> c) {
      return goType(c);
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw) && args.length == 1) {
        return "[]" + goType(args[0]);
      }
      if (Map.class.isAssignableFrom(raw) && args.length == 2) {
        return "map[" + goType(args[0]) + "]" + goType(args[1]);
      }
      return goType(raw);
    }
    return "value";
  }

  /** A syntax error with its position, e.g. "yaml: line 3: mapping values are not allowed here". */
  static String syntax(JsonProcessingException e, boolean yaml) {
    JsonLocation at = e.getLocation();
    String message = e.getOriginalMessage();
    int newline = message == null ? -1 : message.indexOf('\n');
    if (newline > 0) {
      message = message.substring(0, newline);
    }
    if (yaml) {
      return "yaml: " + (at == null ? "" : "line " + at.getLineNr() + ": ") + message;
    }
    return "json parse error: " + message + (at == null ? "" : " (line " + at.getLineNr() + ", column "
        + at.getColumnNr() + ")");
  }
}
