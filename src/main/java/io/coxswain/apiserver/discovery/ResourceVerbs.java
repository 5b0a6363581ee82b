package io.coxswain.apiserver.discovery;

import io.coxswain.api.ApiResource;
import java.util.List;

/**
 * The verbs each resource and subresource supports, shared by discovery and the OpenAPI documents
 * so the two never disagree. Kubernetes lists verbs in alphabetical order.
 */
public final class ResourceVerbs {
  private ResourceVerbs() {}

  public static final List<String> ALL =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  /** Namespaces cannot be deleted as a collection (it would take every object with them). */
  private static final List<String> NO_COLLECTION_DELETE =
      List.of("create", "delete", "get", "list", "patch", "update", "watch");
  private static final List<String> READ_WRITE = List.of("get", "patch", "update");

  public static List<String> of(ApiResource resource) {
    return resource.name().equals("namespaces") ? NO_COLLECTION_DELETE : ALL;
  }

  /** Verbs of {@code resource/subresource}: status and scale are read-write, binding create-only, log read-only. */
  public static List<String> ofSubresource(String subresource) {
    return switch (subresource) {
      case "binding" -> List.of("create");
      case "log" -> List.of("get");
      case "finalize" -> List.of("update");
      default -> READ_WRITE;
    };
  }
}
