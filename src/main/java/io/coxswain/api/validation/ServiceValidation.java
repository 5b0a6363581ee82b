package io.coxswain.api.validation;

import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import io.coxswain.api.core.SessionAffinityConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Kubernetes' ValidateService and ValidateServiceUpdate for the modelled fields. */
final class ServiceValidation {
  static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  static final List<String> SESSION_AFFINITIES = List.of("ClientIP", "None");
  static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
  static final List<String> IP_FAMILY_POLICIES = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
  static final List<String> IP_FAMILIES = List.of("IPv4", "IPv6");
  static final List<String> TRAFFIC_DISTRIBUTIONS = List.of("PreferClose");
  /** Kubernetes' MaxClientIPServiceAffinitySeconds: a day. */
  static final int MAX_CLIENT_IP_AFFINITY_SECONDS = 86_400;

  private ServiceValidation() {}

  static void create(Service service, List<StatusCause> out) {
    MetaValidation.objectMeta(service.metadata(), true, Names::dns1035Label, out);
    ServiceSpec spec = service.spec();
    String type = spec.type() == null ? "" : spec.type();
    boolean externalName = type.equals("ExternalName");
    if (!type.isEmpty() && !TYPES.contains(type)) {
      out.add(Causes.notSupported("spec.type", type, TYPES));
    }
    if (spec.ports().isEmpty() && !spec.headless() && !externalName) {
      out.add(Causes.required("spec.ports", ""));
    }
    if (externalName) {
      if (MetaValidation.notEmpty(spec.clusterIP())) {
        out.add(Causes.forbidden("spec.clusterIP", "may not be set for ExternalName services"));
      }
      if (!MetaValidation.notEmpty(spec.externalName())) {
        out.add(Causes.required("spec.externalName", ""));
      } else {
        // As Kubernetes: a fully qualified name's trailing dot is allowed.
        String cname = spec.externalName().endsWith(".")
            ? spec.externalName().substring(0, spec.externalName().length() - 1) : spec.externalName();
        Names.dns1123Subdomain(cname).forEach(m -> out.add(Causes.invalid("spec.externalName", cname, m)));
      }
      if (spec.ipFamilyPolicy() != null) {
        out.add(Causes.forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"));
      }
      if (!spec.ipFamilies().isEmpty()) {
        out.add(Causes.forbidden("spec.ipFamilies", "may not be set for ExternalName services"));
      }
    } else if (MetaValidation.notEmpty(spec.clusterIP()) && !spec.headless() && !Names.isIp(spec.clusterIP())) {
      out.add(Causes.invalid("spec.clusterIP", spec.clusterIP(), Names.IP_MSG));
    }
    clusterIps(spec, type, out);
    ipFamilies(spec, out);
    ports(spec, type, out);
    sessionAffinity(spec, out);
    loadBalancerFields(spec, type, out);
    if (spec.trafficDistribution() != null && !TRAFFIC_DISTRIBUTIONS.contains(spec.trafficDistribution())) {
      out.add(Causes.notSupported("spec.trafficDistribution", spec.trafficDistribution(), TRAFFIC_DISTRIBUTIONS));
    }
    for (int i = 0; i < spec.externalIPs().size(); i++) {
      String ip = spec.externalIPs().get(i);
      if (!Names.isIp(ip)) {
        out.add(Causes.invalid("spec.externalIPs[" + i + "]", ip, Names.IP_MSG));
      }
    }
    MetaValidation.labels(spec.selector(), "spec.selector", out);
    PodValidation.oneOf(spec.sessionAffinity(), SESSION_AFFINITIES, "spec.sessionAffinity", out);
    PodValidation.oneOf(spec.internalTrafficPolicy(), TRAFFIC_POLICIES, "spec.internalTrafficPolicy", out);
    PodValidation.oneOf(spec.externalTrafficPolicy(), TRAFFIC_POLICIES, "spec.externalTrafficPolicy", out);
    if (MetaValidation.notEmpty(spec.externalTrafficPolicy())
        && !io.coxswain.api.ServiceUpdate.externallyAccessible(spec)) {
      out.add(Causes.invalid("spec.externalTrafficPolicy", spec.externalTrafficPolicy(),
          "may only be set for externally-accessible services"));
    }
  }

  /** clusterIPs follows clusterIP; a NodePort or LoadBalancer Service cannot be headless. */
  private static void clusterIps(ServiceSpec spec, String type, List<StatusCause> out) {
    List<String> ips = spec.clusterIPs();
    if (!ips.isEmpty() && !ips.get(0).equals(spec.clusterIP() == null ? "" : spec.clusterIP())) {
      out.add(Causes.invalid("spec.clusterIPs", ips, "first value must match `clusterIP`"));
    }
    if (spec.headless() && (type.equals("NodePort") || type.equals("LoadBalancer"))) {
      out.add(Causes.invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for " + type + " services"));
    }
  }

  private static void ipFamilies(ServiceSpec spec, List<StatusCause> out) {
    if (spec.ipFamilyPolicy() != null && !IP_FAMILY_POLICIES.contains(spec.ipFamilyPolicy())) {
      out.add(Causes.notSupported("spec.ipFamilyPolicy", spec.ipFamilyPolicy(), IP_FAMILY_POLICIES));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < spec.ipFamilies().size(); i++) {
      String family = spec.ipFamilies().get(i);
      if (!IP_FAMILIES.contains(family)) {
        out.add(Causes.notSupported("spec.ipFamilies[" + i + "]", family, IP_FAMILIES));
      } else if (!seen.add(family)) {
        out.add(Causes.duplicate("spec.ipFamilies[" + i + "]", family));
      }
    }
  }

  private static void sessionAffinity(ServiceSpec spec, List<StatusCause> out) {
    SessionAffinityConfig config = spec.sessionAffinityConfig();
    if ("ClientIP".equals(spec.sessionAffinity())) {
      Integer timeout = config == null || config.clientIP() == null ? null : config.clientIP().timeoutSeconds();
      if (timeout != null && (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS)) {
        out.add(Causes.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout,
            "must be greater than 0 and less than " + MAX_CLIENT_IP_AFFINITY_SECONDS));
      }
    } else if ("None".equals(spec.sessionAffinity()) && config != null) {
      out.add(Causes.forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
    }
  }

  private static void loadBalancerFields(ServiceSpec spec, String type, List<StatusCause> out) {
    boolean loadBalancer = type.equals("LoadBalancer");
    if (!loadBalancer && !spec.loadBalancerSourceRanges().isEmpty()) {
      out.add(Causes.forbidden("spec.loadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'"));
    }
    if (!loadBalancer && spec.allocateLoadBalancerNodePorts() != null) {
      out.add(Causes.forbidden("spec.allocateLoadBalancerNodePorts",
          "may only be used when `type` is 'LoadBalancer'"));
    }
    if (spec.healthCheckNodePort() != null && spec.healthCheckNodePort() != 0
        && !(loadBalancer && "Local".equals(spec.externalTrafficPolicy()))) {
      out.add(Causes.invalid("spec.healthCheckNodePort", spec.healthCheckNodePort(),
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
  }

  private static void ports(ServiceSpec spec, String type, List<StatusCause> out) {
    Set<String> nodePorts = new HashSet<>();
    boolean requireName = spec.ports().size() > 1;
    Set<String> names = new HashSet<>();
    Set<String> portProtocols = new HashSet<>();
    for (int i = 0; i < spec.ports().size(); i++) {
      ServicePort p = spec.ports().get(i);
      String at = "spec.ports[" + i + "]";
      if (requireName && !MetaValidation.notEmpty(p.name())) {
        out.add(Causes.required(at + ".name", ""));
      } else if (MetaValidation.notEmpty(p.name())) {
        List<String> errs = Names.dns1123Label(p.name());
        errs.forEach(m -> out.add(Causes.invalid(at + ".name", p.name(), m)));
        if (errs.isEmpty() && !names.add(p.name())) {
          out.add(Causes.duplicate(at + ".name", p.name()));
        }
      }
      int port = p.port() == null ? 0 : p.port();
      Names.portNumber(port).forEach(m -> out.add(Causes.invalid(at + ".port", port, m)));
      PodValidation.oneOf(p.protocol(), PodValidation.PROTOCOLS, at + ".protocol", out);
      if (MetaValidation.notEmpty(p.appProtocol())) {
        Names.qualifiedName(p.appProtocol()).forEach(m -> out.add(Causes.invalid(at + ".appProtocol", p.appProtocol(),
            m)));
      }
      if (p.targetPort() != null) {
        ContainerChecks.portNumOrName(p.targetPort(), at + ".targetPort", out);
      }
      if (p.nodePort() != null && p.nodePort() != 0) {
        if (type.isEmpty() || type.equals("ClusterIP")) {
          out.add(Causes.forbidden(at + ".nodePort", "may not be used when `type` is 'ClusterIP'"));
        } else {
          Names.portNumber(p.nodePort()).forEach(m -> out.add(Causes.invalid(at + ".nodePort", p.nodePort(), m)));
        }
        // One node port per protocol: the same number for TCP and UDP is one port shared.
        if (!nodePorts.add(p.nodePort() + "/" + (p.protocol() == null ? "TCP" : p.protocol()))) {
          out.add(Causes.duplicate(at + ".nodePort", p.nodePort()));
        }
      }
      String key = port + "/" + (p.protocol() == null ? "TCP" : p.protocol());
      if (port != 0 && !portProtocols.add(key)) {
        out.add(Causes.duplicate(at, key));
      }
    }
  }

  /**
   * Once allocated, a cluster IP never changes, except by switching to or from ExternalName or
   * between two headless versions (Kubernetes' validateUpgradeDowngradeClusterIPs, in its words).
   */
  static void update(Service oldService, Service newService, List<StatusCause> out) {
    ServiceSpec o = oldService.spec();
    ServiceSpec n = newService.spec();
    if ("ExternalName".equals(o.type()) || "ExternalName".equals(n.type()) || (o.headless() && n.headless())) {
      return;
    }
    List<String> before = o.clusterIPs().isEmpty() && MetaValidation.notEmpty(o.clusterIP())
        ? List.of(o.clusterIP()) : o.clusterIPs();
    List<String> after = n.clusterIPs();
    if (before.isEmpty()) {
      return;
    }
    if (after.isEmpty()) {
      out.add(Causes.invalid("spec.clusterIPs[0]", after, "primary clusterIP can not be unset"));
      return;
    }
    for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
      if (!before.get(i).equals(after.get(i))) {
        out.add(Causes.invalid("spec.clusterIPs[" + i + "]", after, "may not change once set"));
      }
    }
  }
}
