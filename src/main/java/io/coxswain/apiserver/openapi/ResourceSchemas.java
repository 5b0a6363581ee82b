package io.coxswain.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The schema set of a group-version: its kinds, their list kinds, and the meta types they use. */
final class ResourceSchemas {
  private ResourceSchemas() {}

  /** The given kinds plus, with the core group, the kinds only reachable through subresources (Binding, Scale). */
  static List<ApiResource> kindResources(List<ApiResource> resources) {
    boolean core = resources.stream().anyMatch(r -> r.group().isEmpty());
    return Stream.concat(resources.stream(),
        core ? Stream.of(ApiResources.BINDING, ApiResources.SCALE) : Stream.empty()).toList();
  }

  /** The definitions the given resources' routes refer to. */
  static Map<String, ObjectNode> build(SchemaDialect dialect, List<ApiResource> resources) {
    Map<Class<?>, Gvk> kinds = new LinkedHashMap<>();
    for (ApiResource resource : kindResources(resources)) {
      kinds.put(resource.type(), DefinitionNames.gvkOf(resource));
    }
    kinds.put(Status.class, Gvk.core("Status"));
    SchemaGenerator generator = new SchemaGenerator(dialect, kinds);
    for (ApiResource resource : kindResources(resources)) {
      generator.define(resource.type());
    }
    for (ApiResource resource : resources) {
      generator.defineList(resource.type(), DefinitionNames.listOf(resource),
          new Gvk(resource.group(), resource.version(), resource.listKind()));
    }
    generator.define(Status.class);
    generator.define(MetaTypes.DeleteOptions.class);
    generator.define(MetaTypes.Patch.class);
    return generator.definitions();
  }
}
