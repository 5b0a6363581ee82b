package io.coxswain.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Reads one YAML document into a tree with anchors, aliases and merge keys resolved as YAML 1.1
 * says (and as Kubernetes' YAML decoder does): {@code *name} stands for the value anchored
 * {@code &name} before it, and {@code <<: *base} (or {@code <<: [*a, *b]}) adds the keys of
 * those mappings that the mapping does not set itself, earlier ones first.
 *
 * <p>Jackson's YAML parser hands an alias over as a string holding the anchor's name, which
 * would store {@code tier: app} for {@code tier: *app}; this reader is used instead whenever a
 * body may hold an anchor. Expansion is bounded: an alias counts the nodes it stands for, and a
 * document whose aliases stand for more than {@link #MAX_ALIASED_NODES} nodes is refused with 400
 * ("excessive aliasing"), as Kubernetes refuses alias bombs. Aliased subtrees are shared, not
 * copied, while reading.
 */
final class YamlAliases {
  /** Nodes all aliases of one document may stand for together. */
  static final long MAX_ALIASED_NODES = 100_000;

  private static final String MERGE_KEY = "<<";

  private static final VarHandle LAST_EVENT;

  static {
    try {
      LAST_EVENT = MethodHandles.privateLookupIn(YAMLParser.class, MethodHandles.lookup())
          .findVarHandle(YAMLParser.class, "_lastTagEvent", Event.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Map<String, Sized> anchors = new HashMap<>();
  private long aliased;

  /** A node, how many nodes it stands for, and whether it was written as an alias. */
  private record Sized(JsonNode node, long size, boolean alias) {
    Sized(JsonNode node, long size) {
      this(node, size, false);
    }
  }

  private YamlAliases() {}

  /** Whether the body may hold an anchor, alias or merge key (a cheap byte scan; false positives only cost speed). */
  static boolean mayHaveAliases(byte[] body) {
    for (int i = 0; i < body.length; i++) {
      byte b = body[i];
      if (b == '&' || b == '*' || (b == '<' && i + 1 < body.length && body[i + 1] == '<')) {
        return true;
      }
    }
    return false;
  }

  /**
   * The document the parser is positioned before (or on), or null at the end of the stream.
   *
   * @throws ApiException 400 for an unknown alias or excessive aliasing
   */
  static JsonNode readDocument(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken() == null ? parser.nextToken() : parser.currentToken();
    if (token == null) {
      return null;
    }
    return new YamlAliases().read(parser).node();
  }

  private Sized read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
      String name = parser.getText();
      Sized target = anchors.get(name);
      if (target == null) {
        throw ApiException.badRequest("error converting YAML to JSON: yaml: unknown anchor '" + name + "' referenced");
      }
      aliased += target.size();
      if (aliased > MAX_ALIASED_NODES) {
        throw ApiException.badRequest("error converting YAML to JSON: yaml: document contains excessive aliasing");
      }
      return new Sized(target.node(), target.size(), true);
    }
    String anchor = anchorOf(parser, token);
    Sized value = switch (token) {
      case START_OBJECT -> readObject(parser);
      case START_ARRAY -> readArray(parser);
      default -> new Sized(parser.readValueAsTree(), 1);
    };
    if (anchor != null) {
      anchors.put(anchor, value);
    }
    return value;
  }

  /**
   * The anchor on the node the parser is on. Jackson reports anchors of mappings and sequences
   * only (it uses them as object ids); a scalar's is read from the event it was decoded from.
   */
  private static String anchorOf(JsonParser parser, JsonToken token) {
    if (!(parser instanceof YAMLParser yaml)) {
      return null;
    }
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      return yaml.getCurrentAnchor();
    }
    return LAST_EVENT.get(yaml) instanceof ScalarEvent scalar ? scalar.getAnchor() : null;
  }

  private Sized readObject(JsonParser parser) throws IOException {
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    List<JsonNode> merged = new ArrayList<>();
    long size = 1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      Sized value = read(parser);
      size += value.size();
      if (name.equals(MERGE_KEY)) {
        if (!isMergeable(value.node()) || (value.alias() && !value.node().isObject())) {
          // An alias must stand for a mapping; only a sequence written out may list several.
          throw ApiException.badRequest("error converting YAML to JSON: yaml: map merge requires map or sequence of "
              + "maps as the value");
        }
        if (value.node().isArray()) {
          value.node().forEach(merged::add);
        } else {
          merged.add(value.node());
        }
      } else {
        object.set(name, value.node());
      }
    }
    for (JsonNode source : merged) {
      // The mapping's own keys win, then earlier sources over later ones.
      source.properties().forEach(field -> {
        if (!object.has(field.getKey())) {
          object.set(field.getKey(), field.getValue());
        }
      });
    }
    return new Sized(object, size);
  }

  private static boolean isMergeable(JsonNode value) {
    if (value.isObject()) {
      return true;
    }
    if (!value.isArray() || value.isEmpty()) {
      return false;
    }
    for (JsonNode item : value) {
      if (!item.isObject()) {
        return false;
      }
    }
    return true;
  }

  private Sized readArray(JsonParser parser) throws IOException {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    long size = 1;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      Sized item = read(parser);
      size += item.size();
      array.add(item.node());
    }
    return new Sized(array, size);
  }
}
