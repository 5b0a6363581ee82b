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
    String ipFamilyPolicy,
    Boolean allocateLoadBalancerNodePorts,
    Integer healthCheckNodePort,
    String loadBalancerClass,
    String loadBalancerIP,
    List<String> loadBalancerSourceRanges,
    Boolean publishNotReadyAddresses,
    SessionAffinityConfig sessionAffinityConfig,
    String trafficDistribution) {

  public ServiceSpec {
    loadBalancerSourceRanges = Collections2.listOrEmpty(loadBalancerSourceRanges);
    selector = Collections2.mapOrEmpty(selector);
    ports = Collections2.listOrEmpty(ports);
    clusterIPs = Collections2.listOrEmpty(clusterIPs);
    externalIPs = Collections2.listOrEmpty(externalIPs);
    ipFamilies = Collections2.listOrEmpty(ipFamilies);
  }

  public static ServiceSpec of(Map<String, String> selector, List<ServicePort> ports) {
    return builder().selector(selector).ports(ports).build();
  }

  public boolean headless() {
    return "None".equals(clusterIP);
  }

  public ServiceSpec withPorts(List<ServicePort> v) {
    return toBuilder().ports(v).build();
  }

  /** Sets clusterIP and its one-element list form together, as the allocator does. */
  public ServiceSpec withClusterIP(String v) {
    return toBuilder().clusterIP(v).clusterIPs(v == null ? null : List.of(v)).build();
  }

  public ServiceSpec withPolicies(String typeV, String affinity, String external, String internal) {
    return toBuilder().type(typeV).sessionAffinity(affinity).externalTrafficPolicy(external)
        .internalTrafficPolicy(internal).build();
  }

  /** A builder starting from this object's fields, for changing a few of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A builder with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets fields one at a time; {@link #build()} makes the immutable record. */
  public static final class Builder {
    private String type;
    private Map<String, String> selector;
    private List<ServicePort> ports;
    private String clusterIP;
    private List<String> clusterIPs;
    private String sessionAffinity;
    private List<String> externalIPs;
    private String externalName;
    private String externalTrafficPolicy;
    private String internalTrafficPolicy;
    private List<String> ipFamilies;
    private String ipFamilyPolicy;
    private Boolean allocateLoadBalancerNodePorts;
    private Integer healthCheckNodePort;
    private String loadBalancerClass;
    private String loadBalancerIP;
    private List<String> loadBalancerSourceRanges;
    private Boolean publishNotReadyAddresses;
    private SessionAffinityConfig sessionAffinityConfig;
    private String trafficDistribution;

    private Builder() {}

    private Builder(ServiceSpec from) {
      type = from.type;
      selector = from.selector;
      ports = from.ports;
      clusterIP = from.clusterIP;
      clusterIPs = from.clusterIPs;
      sessionAffinity = from.sessionAffinity;
      externalIPs = from.externalIPs;
      externalName = from.externalName;
      externalTrafficPolicy = from.externalTrafficPolicy;
      internalTrafficPolicy = from.internalTrafficPolicy;
      ipFamilies = from.ipFamilies;
      ipFamilyPolicy = from.ipFamilyPolicy;
      allocateLoadBalancerNodePorts = from.allocateLoadBalancerNodePorts;
      healthCheckNodePort = from.healthCheckNodePort;
      loadBalancerClass = from.loadBalancerClass;
      loadBalancerIP = from.loadBalancerIP;
      loadBalancerSourceRanges = from.loadBalancerSourceRanges;
      publishNotReadyAddresses = from.publishNotReadyAddresses;
      sessionAffinityConfig = from.sessionAffinityConfig;
      trafficDistribution = from.trafficDistribution;
    }

    public Builder type(String v) {
      type = v;
      return this;
    }

    public Builder selector(Map<String, String> v) {
      selector = v;
      return this;
    }

    public Builder ports(List<ServicePort> v) {
      ports = v;
      return this;
    }

    public Builder clusterIP(String v) {
      clusterIP = v;
      return this;
    }

    public Builder clusterIPs(List<String> v) {
      clusterIPs = v;
      return this;
    }

    public Builder sessionAffinity(String v) {
      sessionAffinity = v;
      return this;
    }

    public Builder externalIPs(List<String> v) {
      externalIPs = v;
      return this;
    }

    public Builder externalName(String v) {
      externalName = v;
      return this;
    }

    public Builder externalTrafficPolicy(String v) {
      externalTrafficPolicy = v;
      return this;
    }

    public Builder internalTrafficPolicy(String v) {
      internalTrafficPolicy = v;
      return this;
    }

    public Builder ipFamilies(List<String> v) {
      ipFamilies = v;
      return this;
    }

    public Builder ipFamilyPolicy(String v) {
      ipFamilyPolicy = v;
      return this;
    }

    public Builder allocateLoadBalancerNodePorts(Boolean v) {
      allocateLoadBalancerNodePorts = v;
      return this;
    }

    public Builder healthCheckNodePort(Integer v) {
      healthCheckNodePort = v;
      return this;
    }

    public Builder loadBalancerClass(String v) {
      loadBalancerClass = v;
      return this;
    }

    public Builder loadBalancerIP(String v) {
      loadBalancerIP = v;
      return this;
    }

    public Builder loadBalancerSourceRanges(List<String> v) {
      loadBalancerSourceRanges = v;
      return this;
    }

    public Builder publishNotReadyAddresses(Boolean v) {
      publishNotReadyAddresses = v;
      return this;
    }

    public Builder sessionAffinityConfig(SessionAffinityConfig v) {
      sessionAffinityConfig = v;
      return this;
    }

    public Builder trafficDistribution(String v) {
      trafficDistribution = v;
      return this;
    }

    public ServiceSpec build() {
      return new ServiceSpec(type, selector, ports, clusterIP, clusterIPs, sessionAffinity, externalIPs,
          externalName, externalTrafficPolicy, internalTrafficPolicy, ipFamilies, ipFamilyPolicy,
          allocateLoadBalancerNodePorts, healthCheckNodePort, loadBalancerClass, loadBalancerIP,
          loadBalancerSourceRanges, publishNotReadyAddresses, sessionAffinityConfig, trafficDistribution);
    }
  }
}
