package io.coxswain.api.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import java.util.List;

/**
 * Kubernetes {@code discovery.k8s.io/v1.EndpointSlice}: a part of a Service's backends, each with
 * its ready, serving and terminating conditions. The endpoint slice controller keeps one per
 * selector Service (label {@code kubernetes.io/service-name}); kubectl describe svc and the service
 * proxy read them. No spec or status: the object is its address type, endpoints and ports.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointSlice(String apiVersion, String kind, ObjectMeta metadata, String addressType,
    List<Endpoint> endpoints, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EndpointPort> ports)
    implements KubeObject {
  public static final String API_VERSION = "discovery.k8s.io/v1";
  /** The label naming the Service a slice belongs to. */
  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
  /** The label naming the controller that manages a slice. */
  public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";

  public EndpointSlice {
    apiVersion = apiVersion == null ? API_VERSION : apiVersion;
    kind = kind == null ? "EndpointSlice" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
    // endpoints is required and written even when empty, as Kubernetes does ("endpoints": null is refused).
    endpoints = Collections2.listOrEmpty(endpoints);
    ports = Collections2.listOrEmpty(ports);
  }

  public static EndpointSlice of(ObjectMeta metadata, String addressType, List<Endpoint> endpoints,
      List<EndpointPort> ports) {
    return new EndpointSlice(API_VERSION, "EndpointSlice", metadata, addressType, endpoints, ports);
  }

  @Override
  public EndpointSlice withMetadata(ObjectMeta v) {
    return new EndpointSlice(apiVersion, kind, v, addressType, endpoints, ports);
  }

  public EndpointSlice withEndpoints(List<Endpoint> e, List<EndpointPort> p) {
    return new EndpointSlice(apiVersion, kind, metadata, addressType, e, p);
  }
}
