package io.coxswain.apiserver.openapi;

import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.Status;
import io.coxswain.apiserver.discovery.ResourceVerbs;
import io.coxswain.apiserver.openapi.Operation.Body;
import io.coxswain.apiserver.openapi.Operation.Param;
import io.coxswain.apiserver.openapi.Operation.PathItem;
import io.coxswain.apiserver.openapi.Operation.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every REST route of a group-version as Kubernetes names and documents it: collection and item paths for
 * each resource, the all-namespaces list, and the subresources (status, scale, binding, log).
 */
final class ResourcePaths {
  private ResourcePaths() {}

  private static final Param NAMESPACE = Param.path("namespace",
      "object name and auth scope, such as for teams and projects");
  private static final List<String> PRODUCES = List.of("application/json", "application/yaml");
  private static final List<String> PRODUCES_WATCH =
      List.of("application/json", "application/yaml", "application/json;stream=watch");
  private static final List<String> ANY_BODY = List.of("*/*");
  private static final List<String> PATCH_TYPES = List.of("application/json-patch+json",
      "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml");
  private static final String STATUS = DefinitionNames.of(Status.class);
  private static final String DELETE_OPTIONS = DefinitionNames.of(MetaTypes.DeleteOptions.class);
  private static final String PATCH = DefinitionNames.of(MetaTypes.Patch.class);

  /** The routes of the given resources (one group-version, or all for the v2 document). */
  static List<PathItem> build(List<ApiResource> resources) {
    List<PathItem> items = new ArrayList<>();
    for (ApiResource resource : resources) {
      items.addAll(forResource(resource));
    }
    items.sort(Comparator.comparing(PathItem::path));
    return List.copyOf(items);
  }

  private static List<PathItem> forResource(ApiResource r) {
    String collection = r.namespaced() ? r.pathPrefix() + "/namespaces/{namespace}/" + r.name()
        : r.pathPrefix() + "/" + r.name();
    List<Param> scope = r.namespaced() ? List.of(NAMESPACE, Params.PRETTY) : List.of(Params.PRETTY);
    List<Param> itemScope = Stream.concat(Stream.of(Param.path("name", "name of the " + r.kind())), scope.stream())
        .toList();
    String kind = DefinitionNames.of(r.type());
    Gvk gvk = DefinitionNames.gvkOf(r);
    String groupId = operationGroup(r);
    String id = groupId + (r.namespaced() ? "Namespaced" : "") + r.kind();

    List<PathItem> items = new ArrayList<>();
    List<Operation> collectionOps = new ArrayList<>();
    collectionOps.add(list("list" + id, r, gvk));
    collectionOps.add(create("create" + id, "create a " + r.kind(), gvk, kind));
    if (ResourceVerbs.of(r).contains("deletecollection")) {
      collectionOps.add(new Operation("delete", "delete" + groupId + "Collection" + id.substring(groupId.length()),
          "delete collection of " + r.kind(), "deletecollection", gvk,
          Stream.concat(Params.DELETE.stream(), Params.LIST.stream()).toList(),
          new Body(DELETE_OPTIONS, ANY_BODY, false), List.of(ok(STATUS), unauthorized()), PRODUCES));
    }
    items.add(new PathItem(collection, scope, collectionOps));
    items.add(new PathItem(collection + "/{name}", itemScope, List.of(
        read("read" + id, "read the specified " + r.kind(), gvk, kind),
        replace("replace" + id, "replace the specified " + r.kind(), gvk, kind),
        patch("patch" + id, "partially update the specified " + r.kind(), gvk, kind),
        new Operation("delete", "delete" + id, "delete a " + r.kind(), "delete", gvk, Params.DELETE,
            new Body(DELETE_OPTIONS, ANY_BODY, false),
            List.of(ok(kind), Response.of("202", "Accepted", kind), unauthorized()), PRODUCES))));
    if (r.namespaced()) {
      items.add(new PathItem(r.pathPrefix() + "/" + r.name(), List.of(Params.PRETTY),
          List.of(list("list" + groupId + r.kind() + "ForAllNamespaces", r, gvk))));
    }
    for (String sub : r.subresources()) {
      items.add(subresource(r, collection + "/{name}/" + sub, itemScope, sub, id, gvk, kind));
    }
    return items;
  }

  /** Kubernetes' operation id prefix: "CoreV1", "CoordinationV1" (the group's first label), ... */
  static String operationGroup(ApiResource r) {
    String group = r.group().isEmpty() ? "core" : r.group().split("\\.")[0];
    String version = r.version();
    return Character.toUpperCase(group.charAt(0)) + group.substring(1)
        + Character.toUpperCase(version.charAt(0)) + version.substring(1);
  }

  private static PathItem subresource(
      ApiResource r, String path, List<Param> scope, String sub, String id, Gvk gvk, String kind) {
    String suffix = Character.toUpperCase(sub.charAt(0)) + sub.substring(1);
    return switch (sub) {
      case "binding" -> {
        String binding = DefinitionNames.of(ApiResources.BINDING.type());
        yield new PathItem(path, scope, List.of(
            create("create" + id + suffix, "create binding of a " + r.kind(), Gvk.core("Binding"), binding)));
      }
      case "finalize" -> new PathItem(path, scope, List.of(
          replace("replace" + id + suffix, "replace finalize of the specified " + r.kind(), gvk, kind)));
      case "log" -> new PathItem(path, scope, List.of(new Operation("get", "read" + id + suffix,
          "read log of the specified " + r.kind(), "get", gvk, Params.LOG, null,
          List.of(Response.text("200", "OK"), unauthorized()),
          List.of("text/plain", "application/json", "application/yaml"))));
      default -> {
        // status keeps the parent's kind; scale speaks autoscaling/v1 Scale.
        boolean scale = sub.equals("scale");
        Gvk subGvk = scale ? DefinitionNames.gvkOf(ApiResources.SCALE) : gvk;
        String definition = scale ? DefinitionNames.of(ApiResources.SCALE.type()) : kind;
        yield new PathItem(path, scope, List.of(
            read("read" + id + suffix, "read " + sub + " of the specified " + r.kind(), subGvk, definition),
            replace("replace" + id + suffix, "replace " + sub + " of the specified " + r.kind(), subGvk,
                definition),
            patch("patch" + id + suffix, "partially update " + sub + " of the specified " + r.kind(), subGvk,
                definition)));
      }
    };
  }

  private static Operation list(String operationId, ApiResource r, Gvk gvk) {
    return new Operation("get", operationId, "list or watch objects of kind " + r.kind(), "list", gvk,
        Params.LIST, null, List.of(ok(DefinitionNames.listOf(r)), unauthorized()), PRODUCES_WATCH);
  }

  private static Operation create(String operationId, String description, Gvk gvk, String definition) {
    return new Operation("post", operationId, description, "post", gvk, Params.WRITE,
        new Body(definition, ANY_BODY, true), List.of(ok(definition), Response.of("201", "Created", definition),
            Response.of("202", "Accepted", definition), unauthorized()), PRODUCES);
  }

  private static Operation read(String operationId, String description, Gvk gvk, String definition) {
    return new Operation("get", operationId, description, "get", gvk, List.of(), null,
        List.of(ok(definition), unauthorized()), PRODUCES);
  }

  private static Operation replace(String operationId, String description, Gvk gvk, String definition) {
    return new Operation("put", operationId, description, "put", gvk, Params.WRITE,
        new Body(definition, ANY_BODY, true),
        List.of(ok(definition), Response.of("201", "Created", definition), unauthorized()), PRODUCES);
  }

  private static Operation patch(String operationId, String description, Gvk gvk, String definition) {
    return new Operation("patch", operationId, description, "patch", gvk, Params.PATCH,
        new Body(PATCH, PATCH_TYPES, true),
        List.of(ok(definition), Response.of("201", "Created", definition), unauthorized()), PRODUCES);
  }

  private static Response ok(String definition) {
    return Response.of("200", "OK", definition);
  }

  private static Response unauthorized() {
    return Response.none("401", "Unauthorized");
  }
}
