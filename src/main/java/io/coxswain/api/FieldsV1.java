package io.coxswain.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Kubernetes {@code meta/v1.FieldsV1}: a set of field paths as a JSON object ({@code {"f:spec":
 * {"f:replicas":{}}}}). Kept as its compact JSON text and interned: every object of one shape
 * written by one manager shares one copy, so ownership costs the store almost nothing per object
 * (a tree per object more than doubled the bytes a pod takes).
 */
@JsonDeserialize(using = FieldsV1.Reader.class)
@JsonSerialize(using = FieldsV1.Writer.class)
public final class FieldsV1 {
  private static final Map<String, WeakReference<String>> INTERNED = new WeakHashMap<>();

  private final String json;

  private FieldsV1(String json) {
    this.json = json;
  }

  /** The set, from its JSON object. */
  public static FieldsV1 of(JsonNode tree) {
    return new FieldsV1(intern(tree.toString()));
  }

  /** The set as a JSON tree (a fresh copy). */
  public JsonNode tree() {
    try {
      return Json.json().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The compact JSON text. */
  public String json() {
    return json;
  }

  private static String intern(String json) {
    synchronized (INTERNED) {
      WeakReference<String> ref = INTERNED.get(json);
      String shared = ref == null ? null : ref.get();
      if (shared != null) {
        return shared;
      }
      INTERNED.put(json, new WeakReference<>(json));
      return json;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldsV1 f && json.equals(f.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return json;
  }

  /**
   * Writes the text as it is into JSON (no re-encoding on the hot path of every read); into a tree
   * (a {@code valueToTree}, a patch's base) or YAML as values, never as opaque raw text.
   */
  static final class Writer extends StdSerializer<FieldsV1> {
    Writer() {
      super(FieldsV1.class);
    }

    @Override
    public void serialize(FieldsV1 value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (gen instanceof com.fasterxml.jackson.core.json.JsonGeneratorImpl) {
        gen.writeRawValue(value.json);
      } else {
        gen.writeTree(value.tree()); // a tree, YAML: values, not raw text
      }
    }
  }

  /** Reads any JSON object; anything else is a decoding error. */
  static final class Reader extends StdDeserializer<FieldsV1> {
    Reader() {
      super(FieldsV1.class);
    }

    @Override
    public FieldsV1 deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode tree = ctxt.readTree(p);
      if (!tree.isObject()) {
        ctxt.reportInputMismatch(FieldsV1.class, "fieldsV1 must be a JSON object");
      }
      return of(tree);
    }
  }
}
