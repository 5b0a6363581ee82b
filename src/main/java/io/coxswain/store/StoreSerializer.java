package io.coxswain.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coxswain.api.ApiResources;
import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * Journal and snapshot format of the store: the objects as their Kubernetes JSON, so the journal
 * is readable with any JSON tool and survives changes to the Java records. Snapshots are streamed
 * and deflated, since they hold every object.
 */
public final class StoreSerializer extends SerializerWithStringManifest {
  private static final String COMMITTED = "C1";
  private static final String SNAPSHOT = "S1";
  private static final ObjectMapper MAPPER = Json.json();

  @Override
  public int identifier() {
    return 7_100_001;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof StoreEvent.Committed) {
      return COMMITTED;
    }
    if (o instanceof StoreState) {
      return SNAPSHOT;
    }
    throw new IllegalArgumentException("cannot serialize " + o.getClass());
  }

  @Override
  public byte[] toBinary(Object o) {
    try {
      if (o instanceof StoreEvent.Committed committed) {
        // A change deflates to a few hundred bytes (an object's JSON is about a kilobyte).
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 * committed.changes().size());
        try (OutputStream deflate = Compression.deflating(out, 4096);
             JsonGenerator gen = MAPPER.getFactory().createGenerator(deflate)) {
          gen.writeStartArray();
          for (Change change : committed.changes()) {
            writeChange(gen, change);
          }
          gen.writeEndArray();
        }
        return out.toByteArray();
      }
      StoreState state = (StoreState) o;
      ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
      try (OutputStream deflate = Compression.deflating(out, 1 << 16);
           JsonGenerator gen = MAPPER.getFactory().createGenerator(deflate)) {
        gen.writeStartObject();
        gen.writeNumberField("revision", state.revision());
        gen.writeArrayFieldStart("objects");
        for (KubeObject object : state.objects()) {
          MAPPER.writeValue(gen, object);
        }
        gen.writeEndArray();
        gen.writeEndObject();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeChange(JsonGenerator gen, Change change) throws IOException {
    gen.writeStartObject();
    gen.writeNumberField("revision", change.revision());
    gen.writeStringField("type", change.type().name());
    gen.writeStringField("resource", change.key().resource());
    gen.writeStringField("namespace", change.key().namespace());
    gen.writeStringField("name", change.key().name());
    gen.writeFieldName("object");
    MAPPER.writeValue(gen, change.object());
    gen.writeEndObject();
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) {
    try {
      if (COMMITTED.equals(manifest)) {
        List<Change> changes = new ArrayList<>();
        for (JsonNode node : MAPPER.readTree(Compression.inflating(bytes))) {
          ResourceKey key = new ResourceKey(node.get("resource").asText(), node.get("namespace").asText(),
              node.get("name").asText());
          changes.add(new Change(node.get("revision").asLong(), ChangeType.valueOf(node.get("type").asText()),
              key, toObject(node.get("object"))));
        }
        return new StoreEvent.Committed(changes);
      }
      if (SNAPSHOT.equals(manifest)) {
        return readSnapshot(bytes);
      }
      throw new IllegalArgumentException("unknown manifest " + manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static StoreState readSnapshot(byte[] bytes) throws IOException {
    long revision = 0;
    List<KubeObject> objects = new ArrayList<>();
    try (JsonParser parser = MAPPER.getFactory().createParser(Compression.inflating(bytes))) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if ("revision".equals(field)) {
          revision = parser.getLongValue();
        } else if ("objects".equals(field)) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            objects.add(toObject(MAPPER.readTree(parser)));
          }
        } else {
          parser.skipChildren();
        }
      }
    }
    return StoreState.of(revision, objects, StoreSerializer::keyOf);
  }

  static KubeObject toObject(JsonNode node) throws IOException {
    String kind = node.path("kind").asText();
    Class<? extends KubeObject> type = ApiResources.byKind(kind)
        .orElseThrow(() -> new IOException("unknown kind in journal: " + kind)).type();
    return MAPPER.treeToValue(node, type);
  }

  /** The store key of an object, as the apiserver derives it. */
  public static ResourceKey keyOf(KubeObject object) {
    String resource = ApiResources.byKind(object.kind()).orElseThrow().name();
    return new ResourceKey(resource, object.metadata().namespace(), object.metadata().name());
  }
}
