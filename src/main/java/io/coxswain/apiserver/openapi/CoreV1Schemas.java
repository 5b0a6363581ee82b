package io.coxswain.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The schema set of the core/v1 group: every served kind, its list kind, and the meta types they use. */
final class CoreV1Schemas {
  private CoreV1Schemas() {}

  /** Served kinds plus the kinds only reachable through subresources (Binding, Scale). */
  static List<ApiResource> kindResources() {
    return Stream.concat(ApiResources.all().stream(), Stream.of(ApiResources.BINDING, ApiResources.SCALE)).toList();
  }

  static Map<String, ObjectNode> build(SchemaDialect dialect) {
    Map<Class<?>, Gvk> kinds = new LinkedHashMap<>();
    for (ApiResource resource : kindResources()) {
      kinds.put(resource.type(), DefinitionNames.gvkOf(resource));
    }
    kinds.put(Status.class, Gvk.core("Status"));
    SchemaGenerator generator = new SchemaGenerator(dialect, kinds);
    for (ApiResource resource : kindResources()) {
      generator.define(resource.type());
    }
    for (ApiResource resource : ApiResources.all()) {
      generator.defineList(resource.type(), DefinitionNames.listOf(resource), Gvk.core(resource.listKind()));
    }
    generator.define(Status.class);
    generator.define(MetaTypes.DeleteOptions.class);
    generator.define(MetaTypes.Patch.class);
    return generator.definitions();
  }
}
