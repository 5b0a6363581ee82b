package io.coxswain.api.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.core.ObjectReference;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes {@code discovery.k8s.io/v1.Endpoint}: one backend (a pod) of a slice: its addresses
 * (one IPv4 address for the slices Coxswain makes), its conditions, and where it runs.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoint(List<String> addresses, EndpointConditions conditions, String hostname,
    ObjectReference targetRef, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> deprecatedTopology,
    String nodeName, String zone, EndpointHints hints) {
  public Endpoint {
    addresses = Collections2.listOrEmpty(addresses);
    conditions = conditions == null ? new EndpointConditions(null, null, null) : conditions;
  }

  public static Endpoint of(String address, EndpointConditions conditions, String hostname, ObjectReference targetRef,
      String nodeName) {
    return new Endpoint(List.of(address), conditions, hostname, targetRef, null, nodeName, null, null);
  }
}
