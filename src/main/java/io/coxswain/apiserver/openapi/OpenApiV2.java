package io.coxswain.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.apiserver.openapi.Operation.Body;
import io.coxswain.apiserver.openapi.Operation.Param;
import io.coxswain.apiserver.openapi.Operation.PathItem;
import io.coxswain.apiserver.openapi.Operation.Response;
import java.util.List;

/**
 * The Swagger 2.0 document served at {@code /openapi/v2}: every core/v1 route and the schemas derived
 * from the model. Built once on first use; the model cannot change while the server runs.
 */
public final class OpenApiV2 {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private OpenApiV2() {}

  private static final class Built {
    static final ObjectNode DOCUMENT = build();
    static final byte[] BYTES = Documents.encode(DOCUMENT);
  }

  /** A copy of the document (callers may not change the cached one). */
  public static ObjectNode document() {
    return Built.DOCUMENT.deepCopy();
  }

  /** The document as served: JSON bytes, built once. */
  public static byte[] bytes() {
    return Built.BYTES.clone();
  }

  /** ETag for the document, a digest of its bytes. */
  public static String etag() {
    return Documents.hash(Built.BYTES);
  }

  private static ObjectNode build() {
    ObjectNode doc = NODES.objectNode();
    ObjectNode definitions = doc.putObject("definitions");
    ResourceSchemas.build(SchemaDialect.V2, io.coxswain.api.ApiResources.all()).forEach(definitions::set);
    ObjectNode info = doc.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", "v1.32.0");
    ObjectNode paths = doc.putObject("paths");
    for (PathItem item : ResourcePaths.build(io.coxswain.api.ApiResources.all())) {
      ObjectNode pathNode = paths.putObject(item.path());
      for (Operation op : item.operations()) {
        pathNode.set(op.method(), operation(op));
      }
      ArrayNode shared = pathNode.putArray("parameters");
      item.params().forEach(p -> shared.add(param(p)));
    }
    doc.put("swagger", "2.0");
    return doc;
  }

  private static ObjectNode operation(Operation op) {
    String ref = SchemaDialect.V2.refPrefix;
    ObjectNode node = NODES.objectNode();
    Body body = op.body();
    if (body != null) {
      strings(node.putArray("consumes"), body.contentTypes());
    }
    node.put("description", op.description());
    node.put("operationId", op.operationId());
    ArrayNode params = node.putArray("parameters");
    if (body != null) {
      ObjectNode bodyParam = params.addObject();
      bodyParam.put("in", "body");
      bodyParam.put("name", "body");
      bodyParam.put("required", body.required());
      bodyParam.putObject("schema").put("$ref", ref + body.definition());
    }
    op.params().forEach(p -> params.add(param(p)));
    strings(node.putArray("produces"), op.produces());
    ObjectNode responses = node.putObject("responses");
    for (Response response : op.responses()) {
      ObjectNode r = responses.putObject(response.code());
      r.put("description", response.description());
      if (response.definition() != null) {
        r.putObject("schema").put("$ref", ref + response.definition());
      } else if (response.text()) {
        r.putObject("schema").put("type", "string");
      }
    }
    node.putArray("schemes").add("https");
    node.putArray("tags").add("core_v1");
    node.put("x-kubernetes-action", op.action());
    node.set("x-kubernetes-group-version-kind", op.gvk().toJson());
    return node;
  }

  private static ObjectNode param(Param p) {
    ObjectNode node = NODES.objectNode();
    node.put("description", p.description());
    node.put("in", p.in());
    node.put("name", p.name());
    if (p.required()) {
      node.put("required", true);
    }
    node.put("type", p.type());
    node.put("uniqueItems", true);
    return node;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
