package io.coxswain.api.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Kubernetes {@code discovery.k8s.io/v1.EndpointPort}: a port every endpoint of the slice accepts
 * traffic on. Unlike core/v1's, the name is always written ("" for a single unnamed port) and the
 * port may be absent (a Service port whose named targetPort no pod of the slice has).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointPort(String name, String protocol, Integer port, String appProtocol) {}
