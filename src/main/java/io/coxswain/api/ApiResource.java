package io.coxswain.api;

import java.util.List;

/**
 * One REST resource the API serves (pods, services, ...): its names, scope and the record that
 * models its objects. Discovery, routing, OpenAPI and the store all read this one description.
 */
public record ApiResource(
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

  public String apiVersion() {
    return "v1";
  }

  public String listKind() {
    return kind + "List";
  }
}
