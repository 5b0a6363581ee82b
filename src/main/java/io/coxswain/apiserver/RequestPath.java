package io.coxswain.apiserver;

import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A parsed resource path: {@code /api/v1/[namespaces/NS/]RESOURCE[/NAME[/SUBRESOURCE]]}, or the same
 * under {@code /apis/GROUP/VERSION/} for a named group.
 * {@code namespace} is null for cluster-scoped resources and for lists across all namespaces.
 */
public record RequestPath(ApiResource resource, String namespace, String name, String subresource) {

  public boolean isCollection() {
    return name == null;
  }

  /**
   * Parses a resource path under /api/v1 (the core group) or /apis/GROUP/VERSION, or empty when it
   * is not a resource path. Unknown resources, and resources of another group-version, are 404.
   */
  public static Optional<RequestPath> parse(String path) {
    String group;
    String version;
    String rest;
    if (path.startsWith("/api/v1/")) {
      group = "";
      version = "v1";
      rest = path.substring("/api/v1/".length());
    } else if (path.startsWith("/apis/")) {
      String[] gv = path.substring("/apis/".length()).split("/", 3);
      if (gv.length < 3) {
        return Optional.empty();
      }
      group = gv[0];
      version = gv[1];
      rest = gv[2];
      if (ApiResources.inGroupVersion(group, version).isEmpty()) {
        throw notFound(path);
      }
    } else {
      return Optional.empty();
    }
    List<String> parts = Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    // Dot segments (sent raw or escaped as %2e) are refused, never resolved: "pods/../../nodes/x"
    // must not reach a node.
    if (parts.stream().anyMatch(p -> p.equals(".") || p.equals(".."))) {
      throw notFound(path);
    }
    // namespaces/NS/RESOURCE... addresses objects inside a namespace, unless what follows NS is a
    // subresource of the namespace itself (status, finalize).
    if (parts.get(0).equals("namespaces") && parts.size() >= 3
        && !parts.get(2).equals("status") && !parts.get(2).equals("finalize")) {
      ApiResource resource = resource(group, version, parts.get(2));
      if (!resource.namespaced()) {
        throw ApiException.notFound(null, parts.get(2), "");
      }
      return Optional.of(build(resource, parts.get(1), parts.subList(3, parts.size()), path));
    }
    ApiResource resource = resource(group, version, parts.get(0));
    return Optional.of(build(resource, null, parts.subList(1, parts.size()), path));
  }

  /**
   * Whether a request target as sent has a "." or ".." segment, raw or escaped ({@code %2e}): such
   * a path is refused, never resolved (the HTTP layer would resolve it before routing).
   */
  static boolean hasDotSegment(String rawTarget) {
    int query = rawTarget.indexOf('?');
    String path = query < 0 ? rawTarget : rawTarget.substring(0, query);
    for (String segment : path.split("/")) {
      String s = segment.replace("%2e", ".").replace("%2E", ".");
      if (s.equals(".") || s.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static RequestPath build(ApiResource resource, String namespace, List<String> rest, String path) {
    if (rest.size() > 2) {
      throw notFound(path);
    }
    String name = rest.isEmpty() ? null : rest.get(0);
    String subresource = rest.size() == 2 ? rest.get(1) : null;
    if (subresource != null && !resource.subresources().contains(subresource)) {
      throw notFound(path);
    }
    return new RequestPath(resource, namespace, name, subresource);
  }

  private static ApiResource resource(String group, String version, String name) {
    return ApiResources.inGroupVersion(group, version).stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> new ApiException(io.coxswain.api.Status.failure(404,
        "NotFound", "the server could not find the requested resource", null)));
  }

  private static ApiException notFound(String path) {
    return new ApiException(io.coxswain.api.Status.failure(404, "NotFound",
        "the server could not find the requested resource (" + path + ")", null));
  }
}
