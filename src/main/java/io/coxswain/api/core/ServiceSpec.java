package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;
import java.util.Map;

/** Kubernetes {@code v1.ServiceSpec}; clusterIP "None" makes a headless service. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServiceSpec(
    String type,
    Map<String, String> selector,
    List<ServicePort> ports,
    String clusterIP,
    List<String> clusterIPs,
    String sessionAffinity,
    List<String> externalIPs,
    String externalName,
    String externalTrafficPolicy,
    String internalTrafficPolicy,
    List<String> ipFamilies,
    String ipFamilyPolicy) {

  public ServiceSpec {
    selector = Collections2.mapOrEmpty(selector);
    ports = Collections2.listOrEmpty(ports);
    clusterIPs = Collections2.listOrEmpty(clusterIPs);
    externalIPs = Collections2.listOrEmpty(externalIPs);
    ipFamilies = Collections2.listOrEmpty(ipFamilies);
  }

  public static ServiceSpec of(Map<String, String> selector, List<ServicePort> ports) {
    return new ServiceSpec(null, selector, ports, null, null, null, null, null, null, null, null, null);
  }

  public boolean headless() {
    return "None".equals(clusterIP);
  }

  public ServiceSpec withPorts(List<ServicePort> v) {
    return new ServiceSpec(type, selector, v, clusterIP, clusterIPs, sessionAffinity, externalIPs, externalName,
        externalTrafficPolicy, internalTrafficPolicy, ipFamilies, ipFamilyPolicy);
  }

  /** Sets clusterIP and its one-element list form together, as the allocator does. */
  public ServiceSpec withClusterIP(String v) {
    return new ServiceSpec(type, selector, ports, v, v == null ? null : List.of(v), sessionAffinity, externalIPs,
        externalName, externalTrafficPolicy, internalTrafficPolicy, ipFamilies, ipFamilyPolicy);
  }

  public ServiceSpec withPolicies(String typeV, String affinity, String external, String internal) {
    return new ServiceSpec(typeV, selector, ports, clusterIP, clusterIPs, affinity, externalIPs, externalName,
        external, internal, ipFamilies, ipFamilyPolicy);
  }
}
