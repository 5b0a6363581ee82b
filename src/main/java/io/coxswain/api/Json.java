package io.coxswain.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one Jackson setup. Reading is as strict about types as Kubernetes' Go decoder (a string is
 * never silently taken as a number, nor a number as a string, so {@code version: 1.0} as a label
 * is rejected as it is by a real API server). Unknown and duplicate fields are handled as the
 * request's {@link FieldValidation} says.
 */
public final class Json {
  // Not FAIL_ON_TRAILING_TOKENS: the store reads snapshots as a stream of values with this mapper;
  // request bodies are checked for trailing data where they are decoded.
  private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
  private static final ObjectMapper YAML = configure(YAMLMapper.builder(YAMLFactory.builder()
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .build())).build();

  private Json() {}

  private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
    builder
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .withCoercionConfig(LogicalType.Textual, c -> c
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    return builder;
  }

  public static ObjectMapper json() {
    return JSON;
  }

  public static ObjectMapper yaml() {
    return YAML;
  }

  /** Whether a Content-Type names YAML (application/yaml, application/*+yaml, text/yaml). */
  public static boolean isYaml(String contentType) {
    String media = mediaType(contentType);
    return media.equals("application/yaml") || media.equals("text/yaml") || media.equals("application/x-yaml")
        || (media.startsWith("application/") && media.endsWith("+yaml"));
  }

  private static boolean isJson(String contentType) {
    String media = mediaType(contentType);
    return media.isEmpty() || media.equals("application/json") || media.equals("*/*")
        || (media.startsWith("application/") && media.endsWith("+json"));
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  private static ObjectMapper mapperFor(String contentType) {
    if (isYaml(contentType)) {
      return YAML;
    }
    if (isJson(contentType)) {
      return JSON;
    }
    throw ApiException.unsupportedMediaType("the body of the request was in an unknown format - accepted media "
        + "types include: application/json, application/yaml (got " + contentType + ")");
  }

  /**
   * Decodes a request body into {@code type}. Failures are 400 BadRequest in Kubernetes' words, e.g.
   * {@code ReplicationController in version "v1" cannot be handled as a ReplicationController: json:
   * cannot unmarshal string into Go struct field ReplicationControllerSpec.spec.replicas of type int32}.
   */
  public static <T> T decode(byte[] body, String contentType, Class<T> type) {
    return decode(body, contentType, type, FieldValidation.IGNORE, null);
  }

  /**
   * {@link #decode(byte[], String, Class)} with Kubernetes' field validation: unknown and duplicate
   * fields are dropped (Ignore), added to {@code warnings} (Warn) or refused with 400 (Strict).
   */
  public static <T> T decode(byte[] body, String contentType, Class<T> type, FieldValidation validation,
      List<String> warnings) {
    ObjectMapper mapper = mapperFor(contentType);
    if (isBlank(body)) {
      throw ApiException.badRequest(cannotHandle(type) + "the request body is empty");
    }
    requireUtf8(body);
    if (mapper == YAML && YamlAliases.mayHaveAliases(body)) {
      // Duplicate keys are found on the YAML itself: resolving the aliases builds a tree, which keeps one of each.
      List<String> duplicates = validation == FieldValidation.IGNORE ? List.of() : duplicateFields(body, contentType);
      if (!duplicates.isEmpty() && validation == FieldValidation.STRICT) {
        throw ApiException.badRequest(cannotHandle(type) + "strict decoding error: " + String.join(", ", duplicates));
      }
      if (warnings != null) {
        warnings.addAll(duplicates);
      }
      return decode(yamlToJson(body), "application/json", type, validation, warnings);
    }
    if (mapper == JSON && body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB
        && (body[2] & 0xFF) == 0xBF) {
      // Go's decoder does not skip a byte-order mark; neither do we.
      throw ApiException.badRequest(cannotHandle(type) + "json: invalid character 'ï' looking for beginning of value");
    }
    try (JsonParser parser = mapper.createParser(body)) {
      try {
        T value = mapper.readValue(parser, type);
        if (mapper == JSON) {
          JsonToken trailing = parser.nextToken();
          if (trailing != null) {
            // One object per body, as Go's decoder: "{..}{..}" or "{..}x" is refused, not half-read.
            throw ApiException.badRequest(cannotHandle(type) + "json: invalid character '"
                + firstChar(parser.getText()) + "' after top-level value");
          }
        }
        if (validation != FieldValidation.IGNORE) {
          List<String> problems = FieldValidation.problems(mapper, body, type);
          if (!problems.isEmpty() && validation == FieldValidation.STRICT) {
            throw ApiException.badRequest(cannotHandle(type) + "strict decoding error: "
                + String.join(", ", problems));
          }
          if (warnings != null) {
            warnings.addAll(problems);
          }
        }
        if (value == null) {
          throw ApiException.badRequest(cannotHandle(type) + "the request body is null");
        }
        return value;
      } catch (MismatchedInputException e) {
        // Read the offending token before the parser closes: it says what was sent instead.
        throw ApiException.badRequest(cannotHandle(type) + DecodeErrors.mismatch(e, parser.currentToken()));
      }
    } catch (ApiException e) {
      throw e;
    } catch (JsonMappingException e) {
      throw ApiException.badRequest(cannotHandle(type) + DecodeErrors.path(e) + ": " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(cannotHandle(type) + DecodeErrors.syntax(e, mapper == YAML));
    } catch (IOException e) {
      throw ApiException.badRequest(cannotHandle(type) + e.getMessage());
    }
  }

  private static String cannotHandle(Class<?> type) {
    return type.getSimpleName() + " in version \"" + versionOf(type) + "\" cannot be handled as a "
        + type.getSimpleName() + ": ";
  }

  /** Empty or only JSON/YAML whitespace, checked on the bytes (a body is not copied to ask). */
  private static boolean isBlank(byte[] body) {
    if (body == null) {
      return true;
    }
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String versionOf(Class<?> type) {
    return ApiResources.byKind(type.getSimpleName()).map(ApiResources::apiVersionOf).orElse("v1");
  }

  /** Each field given twice in one object of a well-formed body, as {@code duplicate field "path"}. */
  public static List<String> duplicateFields(byte[] body, String contentType) {
    try {
      return FieldValidation.problems(mapperFor(contentType), body, JsonNode.class);
    } catch (IOException e) {
      throw ApiException.badRequest("error decoding body: " + e.getMessage());
    }
  }

  /**
   * Refuses a body that is not strictly UTF-8 (400): an overlong form such as {@code C0 80} or
   * {@code E0 80 AF} would otherwise be read as NUL or "/" and reach validation as such.
   */
  private static String firstChar(String text) {
    return text == null || text.isEmpty() ? "?" : text.substring(0, 1);
  }

  static void requireUtf8(byte[] body) {
    int i = 0;
    while (i < body.length && body[i] >= 0) {
      i++; // ASCII, the common case, needs no decoder
    }
    if (i == body.length) {
      return;
    }
    try {
      java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(body));
    } catch (java.nio.charset.CharacterCodingException e) {
      throw ApiException.badRequest("the request body is not valid UTF-8 (" + e.getMessage() + ")");
    }
  }

  /**
   * The first YAML document of {@code body} as JSON, anchors, aliases and merge keys resolved
   * (see {@link YamlAliases}): 400 when it is not YAML, names an unknown anchor or aliases too much.
   */
  private static byte[] yamlToJson(byte[] body) {
    try (JsonParser parser = YAML.createParser(body)) {
      JsonNode tree = YamlAliases.readDocument(parser);
      return JSON.writeValueAsBytes(tree == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : tree);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("error converting YAML to JSON: " + DecodeErrors.syntax(e, true));
    } catch (IOException e) {
      throw ApiException.badRequest("error converting YAML to JSON: " + e.getMessage());
    }
  }

  /** Decodes a body as a generic tree (for patches, kind checks and lists). */
  public static JsonNode decodeTree(byte[] body, String contentType) {
    ObjectMapper mapper = mapperFor(contentType);
    requireUtf8(body == null ? new byte[0] : body);
    if (mapper == YAML && body != null && YamlAliases.mayHaveAliases(body)) {
      return decodeTree(yamlToJson(body), "application/json");
    }
    try (JsonParser parser = mapper.createParser(body == null ? new byte[0] : body)) {
      JsonNode node = mapper.readTree(parser);
      if (node == null || node.isMissingNode()) {
        throw ApiException.badRequest("the request body is empty");
      }
      if (mapper == JSON && parser.nextToken() != null) {
        // One value per body, as Go's decoder.
        throw ApiException.badRequest("error decoding body: json: invalid character '" + firstChar(parser.getText())
            + "' after top-level value");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("error decoding body: " + DecodeErrors.syntax(e, mapper == YAML));
    } catch (IOException e) {
      throw ApiException.badRequest("error decoding body: " + e.getMessage());
    }
  }

  /** Splits a multi-document YAML stream ("---" separated) into trees; empty documents are skipped. */
  public static List<JsonNode> decodeYamlDocuments(byte[] body) {
    List<JsonNode> documents = new ArrayList<>();
    try (JsonParser parser = YAML.getFactory().createParser(body)) {
      parser.setCodec(YAML);
      JsonNode node;
      while ((node = YamlAliases.readDocument(parser)) != null) {
        parser.clearCurrentToken();
        if (!isEmptyDocument(node)) {
          documents.add(node);
        }
      }
      return documents;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("error decoding YAML: " + DecodeErrors.syntax(e, true));
    } catch (IOException | RuntimeException e) {
      Throwable cause = e.getCause() instanceof JacksonException je ? je : e;
      throw ApiException.badRequest("error decoding YAML: " + cause.getMessage());
    }
  }

  /** A document of only comments or whitespace reads as null or as an empty string; kubectl skips those. */
  private static boolean isEmptyDocument(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() || (node.isObject() && node.isEmpty())
        || (node.isTextual() && node.asText().isBlank());
  }

  /** Converts an already-parsed tree to a record, with the same error wording as {@link #decode}. */
  public static <T> T convert(JsonNode node, Class<T> type) {
    return convert(node, type, FieldValidation.IGNORE, null);
  }

  /** {@link #convert(JsonNode, Class)} with field validation, as {@link #decode} does it. */
  public static <T> T convert(JsonNode node, Class<T> type, FieldValidation validation, List<String> warnings) {
    try {
      return decode(JSON.writeValueAsBytes(node), "application/json", type, validation, warnings);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] encode(Object value, boolean yaml) {
    try {
      return (yaml ? YAML : JSON).writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      // Our own records always serialise; failing here is a programming error, not bad input.
      throw new UncheckedIOException(e);
    }
  }

  /** A tree view of a record (for patches and field selectors). */
  public static JsonNode toTree(Object value) {
    return JSON.valueToTree(value);
  }

  /**
   * Rejects a body meant for another resource: {@code kind} present and different, or
   * {@code apiVersion} present and not the resource's version (v1; autoscaling/v1 for Scale).
   * Absent fields are accepted, as kubectl and client libraries sometimes leave them out.
   */
  public static void requireKind(JsonNode body, ApiResource resource) {
    String expectedVersion = ApiResources.apiVersionOf(resource);
    JsonNode kind = body.get("kind");
    if (kind != null && !kind.isNull() && !kind.asText().isEmpty() && !kind.asText().equals(resource.kind())) {
      throw ApiException.badRequest("the kind in the data (" + kind.asText()
          + ") does not match the expected kind (" + resource.kind() + ")");
    }
    JsonNode version = body.get("apiVersion");
    if (version != null && !version.isNull() && !version.asText().isEmpty()
        && !version.asText().equals(expectedVersion)) {
      throw ApiException.badRequest("the API version in the data (" + version.asText()
          + ") does not match the expected API version (" + expectedVersion + ")");
    }
    if (!body.isObject()) {
      throw ApiException.badRequest("the body of the request must be a JSON object, not "
          + body.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
  }

  static String tokenName(JsonToken token) {
    if (token == null) {
      return "end of input";
    }
    return switch (token) {
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "bool";
      case START_ARRAY -> "array";
      case START_OBJECT -> "object";
      case VALUE_NULL -> "null";
      default -> token.asString() == null ? token.name().toLowerCase(Locale.ROOT) : token.asString();
    };
  }
}
