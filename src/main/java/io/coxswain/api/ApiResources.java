package io.coxswain.api;

import io.coxswain.api.coordination.Lease;
import io.coxswain.api.core.Binding;
import io.coxswain.api.core.ConfigMap;
import io.coxswain.api.core.Secret;
import io.coxswain.api.core.ServiceAccount;
import io.coxswain.api.core.Endpoints;
import io.coxswain.api.core.Event;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.Scale;
import io.coxswain.api.core.Service;
import java.util.List;
import java.util.Optional;

/**
 * The registry of resources the API serves (the core group and named groups such as
 * coordination.k8s.io), in the order discovery lists them. Binding and
 * Scale are kinds reached only through subresources ({@code pods/binding},
 * {@code replicationcontrollers/scale}), so they are described separately and not in {@link #all()}.
 */
public final class ApiResources {
  public static final ApiResource PODS = new ApiResource("pods", "pod", "Pod", true, List.of("po"), Pod.class,
      List.of("status", "binding", "log"));
  public static final ApiResource REPLICATION_CONTROLLERS = new ApiResource("replicationcontrollers",
      "replicationcontroller", "ReplicationController", true, List.of("rc"), ReplicationController.class,
      List.of("status", "scale"));
  public static final ApiResource SERVICES = new ApiResource("services", "service", "Service", true,
      List.of("svc"), Service.class, List.of("status"));
  public static final ApiResource ENDPOINTS = new ApiResource("endpoints", "endpoints", "Endpoints", true,
      List.of("ep"), Endpoints.class, List.of());
  public static final ApiResource EVENTS = new ApiResource("events", "event", "Event", true, List.of("ev"),
      Event.class, List.of());
  public static final ApiResource NODES = new ApiResource("nodes", "node", "Node", false, List.of("no"),
      Node.class, List.of("status"));
  public static final ApiResource NAMESPACES = new ApiResource("namespaces", "namespace", "Namespace", false,
      List.of("ns"), Namespace.class, List.of("status", "finalize"));

  public static final ApiResource CONFIG_MAPS = new ApiResource("configmaps", "configmap", "ConfigMap", true,
      List.of("cm"), ConfigMap.class, List.of());
  public static final ApiResource SECRETS = new ApiResource("secrets", "secret", "Secret", true, List.of(),
      Secret.class, List.of());
  public static final ApiResource SERVICE_ACCOUNTS = new ApiResource("serviceaccounts", "serviceaccount",
      "ServiceAccount", true, List.of("sa"), ServiceAccount.class, List.of());

  public static final ApiResource LEASES = new ApiResource("coordination.k8s.io", "v1", "leases", "lease", "Lease",
      true, List.of(), Lease.class, List.of());
  public static final ApiResource DEPLOYMENTS = new ApiResource("apps", "v1", "deployments", "deployment",
      "Deployment", true, List.of("deploy"), io.coxswain.api.apps.Deployment.class, List.of("status", "scale"));
  public static final ApiResource REPLICA_SETS = new ApiResource("apps", "v1", "replicasets", "replicaset",
      "ReplicaSet", true, List.of("rs"), io.coxswain.api.apps.ReplicaSet.class, List.of("status", "scale"));
  public static final ApiResource ENDPOINT_SLICES = new ApiResource("discovery.k8s.io", "v1", "endpointslices",
      "endpointslice", "EndpointSlice", true, List.of(), io.coxswain.api.discovery.EndpointSlice.class, List.of());

  /** The body of {@code POST pods/{name}/binding}. */
  public static final ApiResource BINDING = new ApiResource("bindings", "binding", "Binding", true, List.of(),
      Binding.class, List.of());
  /** The body of {@code replicationcontrollers/{name}/scale}; its apiVersion is autoscaling/v1. */
  public static final ApiResource SCALE = new ApiResource("scale", "scale", "Scale", true, List.of(),
      Scale.class, List.of());

  private static final List<ApiResource> ALL =
      List.of(PODS, REPLICATION_CONTROLLERS, SERVICES, ENDPOINTS, EVENTS, NODES, NAMESPACES, CONFIG_MAPS, SECRETS,
          SERVICE_ACCOUNTS, LEASES, DEPLOYMENTS, REPLICA_SETS, ENDPOINT_SLICES);

  private ApiResources() {}

  /** Every served resource, of every group. */
  public static List<ApiResource> all() {
    return ALL;
  }

  /** The resources of one group-version ("" and "v1" for the core group), in discovery order. */
  public static List<ApiResource> inGroupVersion(String group, String version) {
    return ALL.stream().filter(r -> r.group().equals(group) && r.version().equals(version)).toList();
  }

  /** The named groups served under /apis, each with its versions (one each today), in order. */
  public static java.util.Map<String, List<String>> groups() {
    java.util.Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
    for (ApiResource r : ALL) {
      if (!r.group().isEmpty()) {
        groups.computeIfAbsent(r.group(), g -> new java.util.ArrayList<>());
        if (!groups.get(r.group()).contains(r.version())) {
          groups.get(r.group()).add(r.version());
        }
      }
    }
    return groups;
  }

  /** By plural name ("pods"), singular name ("pod") or short name ("po"), as kubectl accepts. */
  public static Optional<ApiResource> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return ALL.stream()
        .filter(r -> r.name().equals(n) || r.singularName().equals(n) || r.shortNames().contains(n))
        .findFirst();
  }

  /** By kind ("Pod"); also finds Binding and Scale, which are kinds without a top-level resource. */
  public static Optional<ApiResource> byKind(String kind) {
    if (kind == null) {
      return Optional.empty();
    }
    for (ApiResource r : ALL) {
      if (r.kind().equals(kind)) {
        return Optional.of(r);
      }
    }
    return BINDING.kind().equals(kind) ? Optional.of(BINDING)
        : SCALE.kind().equals(kind) ? Optional.of(SCALE) : Optional.empty();
  }

  /** The apiVersion objects of this kind carry: "v1", except "autoscaling/v1" for Scale. */
  public static String apiVersionOf(ApiResource resource) {
    return resource.kind().equals(SCALE.kind()) ? Scale.API_VERSION : resource.apiVersion();
  }

  /** Whether objects of this kind live in a namespace; unknown kinds are treated as namespaced. */
  public static boolean isNamespaced(String kind) {
    return byKind(kind).map(ApiResource::namespaced).orElse(true);
  }
}
