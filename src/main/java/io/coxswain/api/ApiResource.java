package io.coxswain.api;

import java.util.List;

/**
 * One REST resource the API serves (pods, services, leases, ...): its API group and version, its
 * names, scope and the record that models its objects. Discovery, routing, OpenAPI and the store
 * all read this one description. Resource names are unique across groups (the store keys objects
 * by resource name).
 *
 * @param group the API group, "" for the core (legacy) group served under /api/v1
 */
public record ApiResource(
    String group,
    String version,
    String name,
    String singularName,
    String kind,
    boolean namespaced,
    List<String> shortNames,
    Class<? extends KubeObject> type,
    List<String> subresources) {

  public ApiResource {
    shortNames = List.copyOf(shortNames);
    subresources = List.copyOf(subresources);
  }

  /** A resource of the core group, v1. */
  public ApiResource(String name, String singularName, String kind, boolean namespaced, List<String> shortNames,
      Class<? extends KubeObject> type, List<String> subresources) {
    this("", "v1", name, singularName, kind, namespaced, shortNames, type, subresources);
  }

  /** "v1" for the core group, else "group/version" ("coordination.k8s.io/v1"). */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The path prefix of the group-version: "/api/v1" or "/apis/group/version". */
  public String pathPrefix() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  public String listKind() {
    return kind + "List";
  }
}
