package io.coxswain.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.apiserver.openapi.Operation.Body;
import io.coxswain.apiserver.openapi.Operation.Param;
import io.coxswain.apiserver.openapi.Operation.PathItem;
import io.coxswain.apiserver.openapi.Operation.Response;
import java.util.List;
import java.util.Map;

/** Renders the OpenAPI 3.0 documents from the shared route and schema descriptions. */
final class V3Documents {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String REF = SchemaDialect.V3.refPrefix;

  private V3Documents() {}

  /** The document of one group-version ("" and "v1" for core). */
  static ObjectNode groupVersion(String group, String version) {
    List<ApiResource> resources = ApiResources.inGroupVersion(group, version);
    String tag = (group.isEmpty() ? "core" : group.split("\\.")[0]) + "_" + version;
    return document(ResourceSchemas.build(SchemaDialect.V3, resources), ResourcePaths.build(resources), "v1.32.0",
        tag);
  }

  /** {@code GET /api/}: the legacy group's version list. */
  static ObjectNode api() {
    SchemaGenerator generator = new SchemaGenerator(SchemaDialect.V3,
        Map.of(MetaTypes.APIVersions.class, Gvk.core("APIVersions")));
    String definition = generator.define(MetaTypes.APIVersions.class);
    return document(generator.definitions(), List.of(unversioned("/api/", "getCoreAPIVersions",
        "get available API versions", definition)), "unversioned", "core");
  }

  /** {@code GET /version/}: the server's version. */
  static ObjectNode version() {
    SchemaGenerator generator = new SchemaGenerator(SchemaDialect.V3, Map.of());
    String definition = generator.define(MetaTypes.Info.class);
    return document(generator.definitions(), List.of(unversioned("/version/", "getCodeVersion",
        "get the version information for this server", definition)), "unversioned", "version");
  }

  private static PathItem unversioned(String path, String id, String description, String definition) {
    Operation get = new Operation("get", id, description, null, null, List.of(), null,
        List.of(Response.of("200", "OK", definition), Response.none("401", "Unauthorized")),
        List.of("application/json"));
    return new PathItem(path, List.of(), List.of(get));
  }

  private static ObjectNode document(
      Map<String, ObjectNode> schemas, List<PathItem> items, String version, String tag) {
    ObjectNode doc = NODES.objectNode();
    ObjectNode schemaNode = doc.putObject("components").putObject("schemas");
    schemas.forEach(schemaNode::set);
    ObjectNode info = doc.putObject("info");
    info.put("title", "Kubernetes");
    info.put("version", version);
    doc.put("openapi", "3.0.0");
    ObjectNode paths = doc.putObject("paths");
    for (PathItem item : items) {
      ObjectNode pathNode = paths.putObject(item.path());
      for (Operation op : item.operations()) {
        pathNode.set(op.method(), operation(op, tag));
      }
      if (!item.params().isEmpty()) {
        ArrayNode shared = pathNode.putArray("parameters");
        item.params().forEach(p -> shared.add(param(p)));
      }
    }
    return doc;
  }

  private static ObjectNode operation(Operation op, String tag) {
    ObjectNode node = NODES.objectNode();
    node.put("description", op.description());
    node.put("operationId", op.operationId());
    if (!op.params().isEmpty()) {
      ArrayNode params = node.putArray("parameters");
      op.params().forEach(p -> params.add(param(p)));
    }
    Body body = op.body();
    if (body != null) {
      ObjectNode requestBody = node.putObject("requestBody");
      ObjectNode content = requestBody.putObject("content");
      for (String type : body.contentTypes()) {
        content.putObject(type).putObject("schema").put("$ref", REF + body.definition());
      }
      if (body.required()) {
        requestBody.put("required", true);
      }
    }
    ObjectNode responses = node.putObject("responses");
    for (Response response : op.responses()) {
      ObjectNode r = responses.putObject(response.code());
      if (response.definition() != null || response.text()) {
        ObjectNode content = r.putObject("content");
        for (String type : op.produces()) {
          ObjectNode schema = content.putObject(type).putObject("schema");
          if (response.text()) {
            schema.put("type", "string");
          } else {
            schema.put("$ref", REF + response.definition());
          }
        }
      }
      r.put("description", response.description());
    }
    node.putArray("tags").add(tag);
    if (op.action() != null) {
      node.put("x-kubernetes-action", op.action());
    }
    if (op.gvk() != null) {
      node.set("x-kubernetes-group-version-kind", op.gvk().toJson());
    }
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
    node.putObject("schema").put("type", p.type()).put("uniqueItems", true);
    return node;
  }
}
