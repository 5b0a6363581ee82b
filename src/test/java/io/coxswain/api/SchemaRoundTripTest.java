package io.coxswain.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.core.Binding;
import io.coxswain.api.core.Endpoints;
import io.coxswain.api.core.Event;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.Service;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of every served kind survives decoding and encoding. The schema comes from a real
 * client's model (fabric8's classes, generated from Kubernetes' OpenAPI), not from our own records,
 * so a field Kubernetes has and Coxswain forgot fails here: an object with every field set, at every
 * depth, is decoded into the model and written back, and the two JSON trees must be equal.
 */
class SchemaRoundTripTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 14;

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of(io.fabric8.kubernetes.api.model.Pod.class, Pod.class),
        Arguments.of(io.fabric8.kubernetes.api.model.ReplicationController.class, ReplicationController.class),
        Arguments.of(io.fabric8.kubernetes.api.model.Service.class, Service.class),
        Arguments.of(io.fabric8.kubernetes.api.model.Node.class, Node.class),
        Arguments.of(io.fabric8.kubernetes.api.model.Namespace.class, Namespace.class),
        Arguments.of(io.fabric8.kubernetes.api.model.Endpoints.class, Endpoints.class),
        Arguments.of(io.fabric8.kubernetes.api.model.Event.class, Event.class),
        Arguments.of(io.fabric8.kubernetes.api.model.Binding.class, Binding.class),
        Arguments.of(io.fabric8.kubernetes.api.model.ConfigMap.class, io.coxswain.api.core.ConfigMap.class),
        Arguments.of(io.fabric8.kubernetes.api.model.Secret.class, io.coxswain.api.core.Secret.class),
        Arguments.of(io.fabric8.kubernetes.api.model.ServiceAccount.class, io.coxswain.api.core.ServiceAccount.class));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("kinds")
  void everyFieldRoundTrips(Class<?> schema, Class<?> model) {
    ObjectNode full = (ObjectNode) fill(schema, 0);
    full.put("apiVersion", "v1").put("kind", model.getSimpleName());
    Object decoded = Json.decode(full.toString().getBytes(StandardCharsets.UTF_8), "application/json", model);
    JsonNode back = Json.json().valueToTree(decoded);
    List<String> differences = new ArrayList<>();
    diff("", full, back, differences);
    assertThat(differences).as("fields lost or changed for %s", model.getSimpleName()).isEmpty();
  }

  /** A value for every field of a fabric8 model type, recursively. */
  private static JsonNode fill(Type type, int depth) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        ArrayNode list = NODES.arrayNode();
        list.add(fill(args[0], depth + 1));
        return list;
      }
      if (Map.class.isAssignableFrom(raw)) {
        ObjectNode map = NODES.objectNode();
        map.set("example.com/key", fill(args[1], depth + 1));
        return map;
      }
      throw new AssertionError("unexpected generic " + type);
    }
    Class<?> c = (Class<?>) type;
    switch (c.getSimpleName()) {
      case "String":
        return NODES.textNode("text");
      case "Integer", "int":
        return NODES.numberNode(3);
      case "Long", "long":
        return NODES.numberNode(5L);
      case "Boolean", "boolean":
        return NODES.booleanNode(true);
      case "Double", "double":
        return NODES.numberNode(1.5);
      case "Quantity":
        return NODES.textNode("1500m");
      case "IntOrString":
        return NODES.numberNode(8080);
      case "MicroTime", "ZonedDateTime":
        return NODES.textNode("2026-11-30T01:02:03.000004Z");
      case "FieldsV1", "Object", "AnyType":
        return NODES.objectNode().set("f:metadata", NODES.objectNode().set("f:name", NODES.objectNode()));
      default:
        break;
    }
    ObjectNode object = NODES.objectNode();
    if (depth > MAX_DEPTH) {
      return object;
    }
    for (Field f : c.getDeclaredFields()) {
      JsonProperty property = f.getAnnotation(JsonProperty.class);
      if (property != null && !property.value().isEmpty()) {
        object.set(property.value(), fill(f.getGenericType(), depth + 1));
      }
    }
    return object;
  }

  private static void diff(String path, JsonNode sent, JsonNode back, List<String> out) {
    if (back == null || back.isMissingNode()) {
      out.add(path + " dropped");
      return;
    }
    if (sent.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        diff(path + "." + e.getKey(), e.getValue(), back.get(e.getKey()), out);
      }
      for (Iterator<String> it = back.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!sent.has(name)) {
          out.add(path + "." + name + " added");
        }
      }
    } else if (sent.isArray()) {
      if (back.size() != sent.size()) {
        out.add(path + " has " + back.size() + " items, sent " + sent.size());
        return;
      }
      for (int i = 0; i < sent.size(); i++) {
        diff(path + "[" + i + "]", sent.get(i), back.get(i), out);
      }
    } else if (!sent.equals(back)) {
      out.add(path + " sent " + sent + " read " + back);
    }
  }
}
