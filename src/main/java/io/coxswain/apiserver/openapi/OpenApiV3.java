package io.coxswain.apiserver.openapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI 3.0 documents served under {@code /openapi/v3}: a root index of group-version
 * documents, each addressed by a URL carrying its content hash so clients can cache it forever.
 * kubectl reads the {@code api/v1} document to explain fields, to find patch merge keys and to see
 * (from the {@code fieldValidation} parameter) that the server validates fields itself.
 */
public final class OpenApiV3 {
  /** The group-version path kubectl asks for core/v1. */
  public static final String CORE_V1 = "api/v1";

  private OpenApiV3() {}

  private static final class Built {
    static final Map<String, byte[]> BYTES = build();
    static final ObjectNode ROOT = root(BYTES);
  }

  /** The body of {@code GET /openapi/v3}: each served path with its hash-stamped URL. */
  public static ObjectNode root() {
    return Built.ROOT.deepCopy();
  }

  /** The core/v1 document as a tree (a copy). */
  public static ObjectNode coreV1() {
    return parse(Built.BYTES.get(CORE_V1));
  }

  /** A named group-version's document as a tree (a copy), or null when it is not served. */
  public static ObjectNode groupVersion(String group, String version) {
    byte[] bytes = Built.BYTES.get("apis/" + group + "/" + version);
    return bytes == null ? null : parse(bytes);
  }

  /**
   * The served bytes of the document at {@code /openapi/v3/<path>} ("api/v1", "api", "version"),
   * or empty when there is none. The query's hash need not be checked: the bytes never change.
   */
  public static Optional<byte[]> documentBytes(String path) {
    byte[] bytes = Built.BYTES.get(stripSlashes(path));
    return Optional.ofNullable(bytes).map(byte[]::clone);
  }

  /** The hash in the root's URL for {@code path}, also usable as its ETag. */
  public static Optional<String> hash(String path) {
    return Optional.ofNullable(Built.BYTES.get(stripSlashes(path))).map(Documents::hash);
  }

  private static Map<String, byte[]> build() {
    Map<String, byte[]> docs = new LinkedHashMap<>();
    docs.put("api", Documents.encode(V3Documents.api()));
    docs.put(CORE_V1, Documents.encode(V3Documents.groupVersion("", "v1")));
    io.coxswain.api.ApiResources.groups().forEach((group, versions) -> versions.forEach(version ->
        docs.put("apis/" + group + "/" + version, Documents.encode(V3Documents.groupVersion(group, version)))));
    docs.put("version", Documents.encode(V3Documents.version()));
    return java.util.Collections.unmodifiableMap(docs);
  }

  private static ObjectNode root(Map<String, byte[]> docs) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode paths = root.putObject("paths");
    for (String path : docs.keySet()) {
      paths.putObject(path).put("serverRelativeURL",
          "/openapi/v3/" + path + "?hash=" + Documents.hash(docs.get(path)));
    }
    return root;
  }

  private static String stripSlashes(String path) {
    String p = path == null ? "" : path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static ObjectNode parse(byte[] bytes) {
    try {
      return (ObjectNode) Json.json().readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
