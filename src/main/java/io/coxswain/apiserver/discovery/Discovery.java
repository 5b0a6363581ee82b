package io.coxswain.apiserver.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The discovery documents clients read before anything else: {@code /version}, {@code /api},
 * {@code /api/v1}, {@code /apis}, {@code /apis/GROUP} and {@code /apis/GROUP/VERSION}. kubectl maps names it is given ("po", "rc") to resources with
 * these, and finds from {@code replicationcontrollers/scale} that scaling speaks autoscaling/v1.
 * Answered in the plain (unaggregated) forms, which kubectl accepts when it asks for aggregated ones.
 */
public final class Discovery {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Resources that {@code kubectl get all} includes. */
  private static final Set<String> IN_CATEGORY_ALL = Set.of("pods", "replicationcontrollers", "services",
      "deployments", "replicasets");

  private Discovery() {}

  /** {@code GET /api}: the legacy group serves only v1. {@code serverAddress} is host:port as clients reach us. */
  public static ObjectNode apiVersions(String serverAddress) {
    ObjectNode node = NODES.objectNode();
    node.put("kind", "APIVersions");
    node.putArray("versions").add("v1");
    ObjectNode address = node.putArray("serverAddressByClientCIDRs").addObject();
    address.put("clientCIDR", "0.0.0.0/0");
    address.put("serverAddress", serverAddress);
    return node;
  }

  /** {@code GET /apis}: every named group with its versions (each group's preferred is its first). */
  public static ObjectNode apiGroupList() {
    ObjectNode node = NODES.objectNode();
    node.put("kind", "APIGroupList");
    node.put("apiVersion", "v1");
    ArrayNode groups = node.putArray("groups");
    ApiResources.groups().keySet().forEach(g -> groups.add(apiGroupBody(g)));
    return node;
  }

  /** {@code GET /apis/GROUP}: one group, or null when it is not served. */
  public static ObjectNode apiGroup(String group) {
    if (!ApiResources.groups().containsKey(group)) {
      return null;
    }
    ObjectNode node = apiGroupBody(group);
    node.put("kind", "APIGroup");
    node.put("apiVersion", "v1");
    return node;
  }

  private static ObjectNode apiGroupBody(String group) {
    ObjectNode node = NODES.objectNode();
    node.put("name", group);
    ArrayNode versions = node.putArray("versions");
    for (String version : ApiResources.groups().get(group)) {
      versions.addObject().put("groupVersion", group + "/" + version).put("version", version);
    }
    node.set("preferredVersion", versions.get(0).deepCopy());
    return node;
  }

  /** {@code GET /api/v1}: the core group's resources and subresources, sorted by name. */
  public static ObjectNode coreV1ResourceList() {
    return resourceList("", "v1");
  }

  /**
   * {@code GET /api/v1} or {@code GET /apis/GROUP/VERSION}: every resource and subresource of the
   * group-version, sorted by name as Kubernetes lists them; null when it is not served.
   */
  public static ObjectNode resourceList(String group, String version) {
    List<ApiResource> served = ApiResources.inGroupVersion(group, version);
    if (served.isEmpty()) {
      return null;
    }
    List<ObjectNode> entries = new ArrayList<>();
    for (ApiResource resource : served) {
      entries.add(resourceEntry(resource));
      for (String sub : resource.subresources()) {
        entries.add(subresourceEntry(resource, sub));
      }
    }
    entries.sort(Comparator.comparing(e -> e.get("name").asText()));
    ObjectNode node = NODES.objectNode();
    node.put("kind", "APIResourceList");
    node.put("apiVersion", "v1");
    node.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = node.putArray("resources");
    entries.forEach(resources::add);
    return node;
  }

  /** {@code GET /version}: we speak the API of Kubernetes 1.32. */
  public static ObjectNode version() {
    ObjectNode node = NODES.objectNode();
    node.put("major", "1");
    node.put("minor", "32");
    node.put("gitVersion", "v1.32.0-coxswain");
    node.put("gitCommit", "unknown");
    node.put("gitTreeState", "clean");
    // Kubernetes' own value when a build is not stamped.
    node.put("buildDate", "1970-01-01T00:00:00Z");
    node.put("goVersion", "java" + Runtime.version().feature());
    node.put("compiler", "javac");
    node.put("platform", platform());
    return node;
  }

  private static ObjectNode resourceEntry(ApiResource resource) {
    ObjectNode entry = NODES.objectNode();
    entry.put("name", resource.name());
    entry.put("singularName", resource.singularName());
    entry.put("namespaced", resource.namespaced());
    entry.put("kind", resource.kind());
    strings(entry.putArray("verbs"), ResourceVerbs.of(resource));
    if (!resource.shortNames().isEmpty()) {
      strings(entry.putArray("shortNames"), resource.shortNames());
    }
    if (IN_CATEGORY_ALL.contains(resource.name())) {
      entry.putArray("categories").add("all");
    }
    return entry;
  }

  private static ObjectNode subresourceEntry(ApiResource parent, String sub) {
    ObjectNode entry = NODES.objectNode();
    entry.put("name", parent.name() + "/" + sub);
    entry.put("singularName", "");
    entry.put("namespaced", parent.namespaced());
    switch (sub) {
      case "scale" -> {
        // Group and version are given only where they differ from the list's own (v1).
        entry.put("group", "autoscaling");
        entry.put("version", "v1");
        entry.put("kind", ApiResources.SCALE.kind());
      }
      case "binding" -> entry.put("kind", ApiResources.BINDING.kind());
      default -> entry.put("kind", parent.kind());
    }
    strings(entry.putArray("verbs"), ResourceVerbs.ofSubresource(sub));
    return entry;
  }

  /** Go's GOOS/GOARCH spelling of where we run, e.g. linux/amd64. */
  private static String platform() {
    String os = System.getProperty("os.name", "linux").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
    String goOs = os.contains("mac") ? "darwin" : os.contains("win") ? "windows" : os.split(" ")[0];
    String goArch = switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
    return goOs + "/" + goArch;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
