package io.coxswain.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The store's messages between members: writes and reads sent to the store singleton, its
 * answers, and the feed it sends every member's watch cache. Objects travel as their Kubernetes
 * JSON (as in the journal), actor references in Pekko's serialization format, and the whole
 * message deflated (a feed message can carry a thousand pods).
 */
public final class StoreWireSerializer extends SerializerWithStringManifest {
  private static final ObjectMapper MAPPER = Json.json();
  private static final String WRITE = "W";
  private static final String GET = "G";
  private static final String SUBSCRIBE = "S";
  private static final String WRITE_RESULT = "R";
  private static final String FOUND = "F";
  private static final String COMMITTED = "C";
  private static final String SNAPSHOT_PART = "P";

  private final ActorRefResolver resolver;

  public StoreWireSerializer(ExtendedActorSystem system) {
    this.resolver = ActorRefResolver.get(Adapter.toTyped(system));
  }

  @Override
  public int identifier() {
    return 7_100_002;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof ObjectStore.Write) {
      return WRITE;
    }
    if (o instanceof ObjectStore.Get) {
      return GET;
    }
    if (o instanceof ObjectStore.Subscribe) {
      return SUBSCRIBE;
    }
    if (o instanceof WriteResult) {
      return WRITE_RESULT;
    }
    if (o instanceof Optional<?>) {
      return FOUND;
    }
    if (o instanceof StoreFeed.Committed) {
      return COMMITTED;
    }
    if (o instanceof StoreFeed.SnapshotPart) {
      return SNAPSHOT_PART;
    }
    throw new IllegalArgumentException("not a store wire message: " + o.getClass()
        + " (whole snapshots stay local; remote subscribers get SnapshotParts)");
  }

  @Override
  public byte[] toBinary(Object o) {
    ObjectNode json = MAPPER.createObjectNode();
    if (o instanceof ObjectStore.Write write) {
      json.set("op", op(write.op()));
      json.put("replyTo", resolver.toSerializationFormat(write.replyTo()));
    } else if (o instanceof ObjectStore.Get get) {
      json.set("key", key(get.key()));
      json.put("replyTo", resolver.toSerializationFormat(get.replyTo()));
    } else if (o instanceof ObjectStore.Subscribe subscribe) {
      json.put("subscriber", resolver.toSerializationFormat(subscribe.subscriber()));
    } else if (o instanceof WriteResult result) {
      if (result.change() != null) {
        json.set("change", change(result.change()));
      }
      if (result.error() != null) {
        json.set("error", MAPPER.valueToTree(result.error()));
      }
    } else if (o instanceof Optional<?> found) {
      found.ifPresent(object -> json.set("object", MAPPER.valueToTree(object)));
    } else if (o instanceof StoreFeed.Committed committed) {
      ArrayNode changes = json.putArray("changes");
      committed.changes().forEach(c -> changes.add(change(c)));
    } else if (o instanceof StoreFeed.SnapshotPart part) {
      json.put("revision", part.revision());
      json.put("last", part.last());
      json.put("store", resolver.toSerializationFormat(part.store()));
      ArrayNode objects = json.putArray("objects");
      part.objects().forEach(object -> objects.add(MAPPER.<JsonNode>valueToTree(object)));
    } else {
      throw new IllegalArgumentException("not a store wire message: " + o.getClass());
    }
    return deflate(json);
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) {
    try {
      JsonNode json = inflate(bytes);
      switch (manifest) {
        case WRITE:
          return new ObjectStore.Write(op(json.get("op")), resolver.resolveActorRef(json.get("replyTo").asText()));
        case GET:
          return new ObjectStore.Get(key(json.get("key")), resolver.resolveActorRef(json.get("replyTo").asText()));
        case SUBSCRIBE:
          return new ObjectStore.Subscribe(resolver.resolveActorRef(json.get("subscriber").asText()));
        case WRITE_RESULT:
          return new WriteResult(json.has("change") ? change(json.get("change")) : null,
              json.has("error") ? MAPPER.treeToValue(json.get("error"), Status.class) : null);
        case FOUND:
          return json.has("object") ? Optional.of(StoreSerializer.toObject(json.get("object"))) : Optional.empty();
        case COMMITTED: {
          List<Change> changes = new ArrayList<>();
          for (JsonNode c : json.get("changes")) {
            changes.add(change(c));
          }
          return new StoreFeed.Committed(changes);
        }
        case SNAPSHOT_PART: {
          List<KubeObject> objects = new ArrayList<>();
          for (JsonNode object : json.get("objects")) {
            objects.add(StoreSerializer.toObject(object));
          }
          ActorRef<ObjectStore.Command> store = resolver.resolveActorRef(json.get("store").asText());
          return new StoreFeed.SnapshotPart(json.get("revision").asLong(), objects, json.get("last").asBoolean(),
              store);
        }
        default:
          throw new IllegalArgumentException("unknown store wire manifest " + manifest);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode op(StoreOp op) {
    ObjectNode json = MAPPER.createObjectNode();
    json.set("key", key(op.key()));
    if (op instanceof StoreOp.Create create) {
      json.put("type", "create");
      json.set("object", MAPPER.valueToTree(create.object()));
    } else if (op instanceof StoreOp.Update update) {
      json.put("type", "update");
      json.set("object", MAPPER.valueToTree(update.object()));
      json.put("expectedResourceVersion", update.expectedResourceVersion());
    } else {
      StoreOp.Delete delete = (StoreOp.Delete) op;
      json.put("type", "delete");
      json.put("expectedResourceVersion", delete.expectedResourceVersion());
      json.put("expectedUid", delete.expectedUid());
    }
    return json;
  }

  private static StoreOp op(JsonNode json) throws IOException {
    ResourceKey key = key(json.get("key"));
    switch (json.get("type").asText()) {
      case "create":
        return new StoreOp.Create(key, StoreSerializer.toObject(json.get("object")));
      case "update":
        return new StoreOp.Update(key, StoreSerializer.toObject(json.get("object")),
            text(json, "expectedResourceVersion"));
      default:
        return new StoreOp.Delete(key, text(json, "expectedResourceVersion"), text(json, "expectedUid"));
    }
  }

  private static ObjectNode change(Change change) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("revision", change.revision());
    json.put("type", change.type().name());
    json.set("key", key(change.key()));
    json.set("object", MAPPER.valueToTree(change.object()));
    return json;
  }

  private static Change change(JsonNode json) throws IOException {
    return new Change(json.get("revision").asLong(), ChangeType.valueOf(json.get("type").asText()),
        key(json.get("key")), StoreSerializer.toObject(json.get("object")));
  }

  private static ObjectNode key(ResourceKey key) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("resource", key.resource());
    json.put("namespace", key.namespace());
    json.put("name", key.name());
    return json;
  }

  private static ResourceKey key(JsonNode json) {
    return new ResourceKey(json.get("resource").asText(), json.get("namespace").asText(), json.get("name").asText());
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static byte[] deflate(JsonNode json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (OutputStream deflate = Compression.deflating(out, 8192)) {
      MAPPER.writeValue(deflate, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static JsonNode inflate(byte[] bytes) throws IOException {
    return MAPPER.readTree(Compression.inflating(bytes));
  }
}
