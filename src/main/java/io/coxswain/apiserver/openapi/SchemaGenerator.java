package io.coxswain.apiserver.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.Quantity;
import io.coxswain.api.core.IntOrString;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Derives OpenAPI schemas from the model's records by reflection, so the published schema cannot
 * drift from what the server actually decodes: each record becomes a definition, each component a
 * property, nested records references. Descriptions, required fields and patch metadata come from
 * {@link FieldDocs} and {@link PatchStrategies}.
 */
final class SchemaGenerator {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final SchemaDialect dialect;
  private final Map<Class<?>, Gvk> kinds;
  private final Map<String, ObjectNode> definitions = new TreeMap<>();

  /** {@code kinds}: the records that are top-level kinds, which get the GVK extension. */
  SchemaGenerator(SchemaDialect dialect, Map<Class<?>, Gvk> kinds) {
    this.dialect = dialect;
    this.kinds = new LinkedHashMap<>(kinds);
  }

  private static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
  private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

  /** A scalar type Kubernetes names (IntOrString, Quantity), defined once. */
  private String scalarDefinition(String name, ObjectNode schema) {
    definitions.putIfAbsent(name, schema);
    return name;
  }

  /** Every definition generated so far, sorted by name. */
  Map<String, ObjectNode> definitions() {
    return definitions;
  }

  String ref(String definitionName) {
    return dialect.refPrefix + definitionName;
  }

  /** Defines a record type (and, recursively, every record it reaches); returns its definition name. */
  String define(Class<?> type) {
    String name = DefinitionNames.of(type);
    if (definitions.containsKey(name)) {
      return name;
    }
    ObjectNode schema = NODES.objectNode();
    // Registered before the walk so a type that reaches itself terminates.
    definitions.put(name, schema);
    String description = FieldDocs.ofType(type);
    if (description != null) {
      schema.put("description", description);
    }
    ObjectNode properties = NODES.objectNode();
    ArrayNode required = NODES.arrayNode();
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    Arrays.stream(components)
        .filter(c -> annotation(type, c, JsonIgnore.class) == null)
        .sorted(Comparator.comparing(c -> jsonName(type, c)))
        .forEach(c -> {
          String field = jsonName(type, c);
          properties.set(field, property(type, field, c.getGenericType()));
          if (FieldDocs.required(type, field)) {
            required.add(field);
          }
        });
    if (!properties.isEmpty()) {
      schema.set("properties", properties);
    }
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    schema.put("type", "object");
    Gvk gvk = kinds.get(type);
    if (gvk != null) {
      schema.set("x-kubernetes-group-version-kind", NODES.arrayNode().add(gvk.toJson()));
    }
    return name;
  }

  /** A list kind ({@code PodList}): items of the kind plus list metadata. */
  String defineList(Class<?> itemType, String listName, Gvk listGvk) {
    String itemDefinition = define(itemType);
    String listMeta = define(MetaTypes.ListMeta.class);
    ObjectNode properties = NODES.objectNode();
    properties.set("apiVersion", described(NODES.objectNode().put("type", "string"), FieldDocs.common("apiVersion")));
    ObjectNode items = NODES.objectNode();
    String itemKind = listGvk.kind().substring(0, listGvk.kind().length() - "List".length());
    items.put("description", "List of " + itemKind.toLowerCase(Locale.ROOT) + " objects.");
    items.set("items", NODES.objectNode().put("$ref", ref(itemDefinition)));
    items.put("type", "array");
    properties.set("items", items);
    properties.set("kind", described(NODES.objectNode().put("type", "string"), FieldDocs.common("kind")));
    properties.set("metadata", described(NODES.objectNode().put("$ref", ref(listMeta)),
        "Standard list metadata: the resourceVersion the list was read at and the continue token."));
    ObjectNode schema = NODES.objectNode();
    schema.put("description", FieldDocs.ofList(itemKind));
    schema.set("properties", properties);
    schema.set("required", NODES.arrayNode().add("items"));
    schema.put("type", "object");
    schema.set("x-kubernetes-group-version-kind", NODES.arrayNode().add(listGvk.toJson()));
    definitions.put(listName, schema);
    return listName;
  }

  private ObjectNode property(Class<?> owner, String field, Type type) {
    ObjectNode schema = described(schemaOf(type), FieldDocs.ofField(owner, field));
    if (schema.path("type").asText().equals("string") && !schema.has("format") && isTimestamp(field)) {
      schema.put("format", "date-time");
    }
    PatchStrategies.Strategy strategy = PatchStrategies.of(owner, field);
    if (strategy != null) {
      if (strategy.mergeKey() != null) {
        schema.put("x-kubernetes-patch-merge-key", strategy.mergeKey());
      }
      schema.put("x-kubernetes-patch-strategy", strategy.strategy());
    }
    return schema;
  }

  /** Adds a description, moving a bare reference into {@code allOf} where the dialect needs it. */
  private ObjectNode described(ObjectNode schema, String description) {
    if (description == null) {
      return schema;
    }
    if (schema.has("$ref") && dialect.wrapRefsWithSiblings) {
      ObjectNode wrapped = NODES.objectNode();
      wrapped.set("allOf", NODES.arrayNode().add(schema));
      schema = wrapped;
    }
    schema.put("description", description);
    return schema;
  }

  private ObjectNode schemaOf(Type type) {
    if (type instanceof WildcardType wildcard) {
      return schemaOf(wildcard.getUpperBounds()[0]);
    }
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] args = parameterized.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        ObjectNode array = NODES.objectNode();
        array.set("items", schemaOf(args[0]));
        array.put("type", "array");
        return array;
      }
      if (Map.class.isAssignableFrom(raw)) {
        ObjectNode map = NODES.objectNode();
        if (args[1] != Object.class) {
          map.set("additionalProperties", schemaOf(args[1]));
        }
        map.put("type", "object");
        return map;
      }
      return schemaOf(raw);
    }
    if (!(type instanceof Class<?> c)) {
      throw new IllegalArgumentException("cannot describe " + type);
    }
    if (c == String.class) {
      return NODES.objectNode().put("type", "string");
    }
    if (c == Integer.class || c == int.class || c == Short.class || c == short.class) {
      return NODES.objectNode().put("format", "int32").put("type", "integer");
    }
    if (c == Long.class || c == long.class) {
      return NODES.objectNode().put("format", "int64").put("type", "integer");
    }
    if (c == Boolean.class || c == boolean.class) {
      return NODES.objectNode().put("type", "boolean");
    }
    if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
      return NODES.objectNode().put("format", "double").put("type", "number");
    }
    if (c == IntOrString.class) {
      // A custom (de)serializer makes this a bare number or string on the wire, not an object; a
      // named definition, as Kubernetes publishes it, so kubectl explain prints <IntOrString>.
      return NODES.objectNode().put("$ref", ref(scalarDefinition(INT_OR_STRING, NODES.objectNode()
          .put("description", "IntOrString is a type that can hold an int32 or a string. When used in JSON or "
              + "YAML marshalling and unmarshalling, it produces or consumes the inner type.")
          .put("format", "int-or-string").put("type", "string"))));
    }
    if (c == Quantity.class) {
      return NODES.objectNode().put("$ref", ref(scalarDefinition(QUANTITY, NODES.objectNode()
          .put("description", "Quantity is a fixed-point representation of a number: a decimal with an "
              + "optional suffix (n, u, m, k, M, G, T, P, E; Ki, Mi, Gi, Ti, Pi, Ei; or an exponent, e3), e.g. "
              + "100m, 1, 128Mi. Stored and returned in canonical form.")
          .put("type", "string"))));
    }
    if (c.isEnum()) {
      ObjectNode schema = NODES.objectNode();
      ArrayNode values = schema.putArray("enum");
      for (Object constant : c.getEnumConstants()) {
        values.add(constant.toString());
      }
      return schema.put("type", "string");
    }
    if (c == io.coxswain.api.FieldsV1.class) {
      return NODES.objectNode().put("$ref", ref(scalarDefinition("io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1",
          NODES.objectNode().put("description", "FieldsV1 stores a set of fields in a data structure like a Trie, "
              + "in JSON format: each key is f:<name>, k:<keys>, v:<value>, or . for the item itself.")
              .put("type", "object"))));
    }
    if (c == Object.class || JsonNode.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)) {
      return NODES.objectNode().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
    }
    if (c.isRecord()) {
      return NODES.objectNode().put("$ref", ref(define(c)));
    }
    throw new IllegalArgumentException("no OpenAPI mapping for " + c.getName());
  }

  private static boolean isTimestamp(String field) {
    return field.endsWith("Timestamp") || field.endsWith("Time") || field.equals("startedAt")
        || field.equals("finishedAt");
  }

  private static String jsonName(Class<?> owner, RecordComponent component) {
    JsonProperty property = annotation(owner, component, JsonProperty.class);
    return property != null && !property.value().isEmpty() ? property.value() : component.getName();
  }

  /**
   * Jackson's annotations do not target record components, so Java copies them to the field, the
   * accessor and the constructor parameter instead; the field and accessor are where we find them.
   */
  private static <A extends java.lang.annotation.Annotation> A annotation(
      Class<?> owner, RecordComponent component, Class<A> annotationType) {
    A onAccessor = component.getAccessor().getAnnotation(annotationType);
    if (onAccessor != null) {
      return onAccessor;
    }
    try {
      Field field = owner.getDeclaredField(component.getName());
      return field.getAnnotation(annotationType);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }
}
