package io.coxswain.apiserver.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.Json;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The OpenAPI v2 document as kubectl asks for it ({@code Accept:
 * application/com.github.proto-openapi.spec.v2@v1.0+protobuf}): the gnostic {@code openapi.v2.Document}
 * message, written by hand from the JSON document (field numbers from gnostic's OpenAPIv2.proto).
 * kubectl reads its definitions (found by their {@code x-kubernetes-group-version-kind}) to validate
 * input client-side, e.g. the items of a {@code kind: List}; extension values travel as YAML text,
 * as gnostic encodes them. Paths carry their operations' ids, media types and extensions.
 */
public final class OpenApiV2Protobuf {
  /** The media type kubectl asks for. */
  public static final String MEDIA_TYPE = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
  /**
   * The subtype the answer carries: Kubernetes answers with ".v1.0" instead of "@v1.0", since a
   * client parsing the Content-Type (Go's mime package) refuses the "@".
   */
  public static final String RETURNED_SUBTYPE = "com.github.proto-openapi.spec.v2.v1.0+protobuf";

  private static final class Built {
    static final byte[] BYTES = document(OpenApiV2.document());
  }

  private OpenApiV2Protobuf() {}

  /** The encoded document (a copy). */
  public static byte[] bytes() {
    return Built.BYTES.clone();
  }

  static byte[] document(JsonNode doc) {
    Message out = new Message();
    out.string(1, doc.path("swagger").asText("2.0"));
    Message info = new Message();
    info.string(1, doc.path("info").path("title").asText(""));
    info.string(2, doc.path("info").path("version").asText(""));
    out.message(2, info);
    Message paths = new Message();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Message named = new Message();
      named.string(1, e.getKey());
      named.message(2, pathItem(e.getValue()));
      paths.message(2, named);
    }
    out.message(8, paths);
    Message definitions = new Message();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("definitions").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Message named = new Message();
      named.string(1, e.getKey());
      named.message(2, schema(e.getValue()));
      definitions.message(1, named);
    }
    out.message(9, definitions);
    return out.bytes();
  }

  private static Message pathItem(JsonNode item) {
    Message out = new Message();
    String[] methods = {"get", "put", "post", "delete", "options", "head", "patch"};
    for (int i = 0; i < methods.length; i++) {
      JsonNode op = item.get(methods[i]);
      if (op != null) {
        out.message(i + 2, operation(op));
      }
    }
    extensions(item, 10, out);
    return out;
  }

  private static Message operation(JsonNode op) {
    Message out = new Message();
    op.path("tags").forEach(t -> out.string(1, t.asText()));
    out.string(3, op.path("description").asText(""));
    out.string(5, op.path("operationId").asText(""));
    op.path("produces").forEach(t -> out.string(6, t.asText()));
    op.path("consumes").forEach(t -> out.string(7, t.asText()));
    extensions(op, 13, out);
    return out;
  }

  /** A JSON Schema object as gnostic's {@code Schema} message. */
  static Message schema(JsonNode s) {
    Message out = new Message();
    out.string(1, s.path("$ref").asText(""));
    out.string(2, s.path("format").asText(""));
    out.string(3, s.path("title").asText(""));
    out.string(4, s.path("description").asText(""));
    if (s.has("default")) {
      out.message(5, any(s.get("default")));
    }
    s.path("required").forEach(r -> out.string(19, r.asText()));
    s.path("enum").forEach(v -> out.message(20, any(v)));
    JsonNode additional = s.get("additionalProperties");
    if (additional != null) {
      Message item = new Message();
      if (additional.isBoolean()) {
        item.bool(2, additional.asBoolean());
      } else {
        item.message(1, schema(additional));
      }
      out.message(21, item);
    }
    JsonNode type = s.get("type");
    if (type != null) {
      Message item = new Message();
      if (type.isArray()) {
        type.forEach(t -> item.string(1, t.asText()));
      } else {
        item.string(1, type.asText());
      }
      out.message(22, item);
    }
    JsonNode items = s.get("items");
    if (items != null) {
      Message item = new Message();
      if (items.isArray()) {
        items.forEach(i -> item.message(1, schema(i)));
      } else {
        item.message(1, schema(items));
      }
      out.message(23, item);
    }
    s.path("allOf").forEach(a -> out.message(24, schema(a)));
    JsonNode properties = s.get("properties");
    if (properties != null) {
      Message props = new Message();
      for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        Message named = new Message();
        named.string(1, e.getKey());
        named.message(2, schema(e.getValue()));
        props.message(1, named);
      }
      out.message(25, props);
    }
    if (s.path("readOnly").asBoolean(false)) {
      out.bool(27, true);
    }
    extensions(s, 31, out);
    return out;
  }

  /** Every {@code x-} member as a NamedAny whose value is its YAML text. */
  private static void extensions(JsonNode node, int field, Message out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("x-")) {
        Message named = new Message();
        named.string(1, e.getKey());
        named.message(2, any(e.getValue()));
        out.message(field, named);
      }
    }
  }

  private static Message any(JsonNode value) {
    Message any = new Message();
    try {
      any.string(2, Json.yaml().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return any;
  }

  /** A protocol buffers message being written: fields in order, nested messages length-delimited. */
  static final class Message {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void string(int field, String value) {
      if (value == null || value.isEmpty()) {
        return; // proto3: the default is not written
      }
      bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    void bool(int field, boolean value) {
      if (value) {
        varint(field << 3);
        varint(1);
      }
    }

    void message(int field, Message message) {
      bytes(field, message.bytes());
    }

    private void bytes(int field, byte[] value) {
      varint((field << 3) | 2);
      varint(value.length);
      out.writeBytes(value);
    }

    private void varint(long value) {
      long v = value;
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
