package io.coxswain.api.validation;

import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Kubernetes' ValidateService and ValidateServiceUpdate for the modelled fields. */
final class ServiceValidation {
  static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  static final List<String> SESSION_AFFINITIES = List.of("ClientIP", "None");
  static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");

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
        Names.dns1123Subdomain(spec.externalName())
            .forEach(m -> out.add(Causes.invalid("spec.externalName", spec.externalName(), m)));
      }
    } else if (MetaValidation.notEmpty(spec.clusterIP()) && !spec.headless() && !Names.isIp(spec.clusterIP())) {
      out.add(Causes.invalid("spec.clusterIP", spec.clusterIP(), Names.IP_MSG));
    }
    ports(spec, type, out);
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
    if (MetaValidation.notEmpty(spec.externalTrafficPolicy()) && !type.equals("NodePort")
        && !type.equals("LoadBalancer")) {
      out.add(Causes.invalid("spec.externalTrafficPolicy", spec.externalTrafficPolicy(),
          "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
    }
  }

  private static void ports(ServiceSpec spec, String type, List<StatusCause> out) {
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
      if (p.targetPort() != null) {
        ContainerChecks.portNumOrName(p.targetPort(), at + ".targetPort", out);
      }
      if (p.nodePort() != null && p.nodePort() != 0) {
        if (type.isEmpty() || type.equals("ClusterIP")) {
          out.add(Causes.forbidden(at + ".nodePort", "may not be used when `type` is 'ClusterIP'"));
        } else {
          Names.portNumber(p.nodePort()).forEach(m -> out.add(Causes.invalid(at + ".nodePort", p.nodePort(), m)));
        }
      }
      String key = port + "/" + (p.protocol() == null ? "TCP" : p.protocol());
      if (port != 0 && !portProtocols.add(key)) {
        out.add(Causes.duplicate(at, key));
      }
    }
  }

  /** Once allocated, a cluster IP never changes (except by switching to or from ExternalName). */
  static void update(Service oldService, Service newService, List<StatusCause> out) {
    ServiceSpec o = oldService.spec();
    ServiceSpec n = newService.spec();
    if (MetaValidation.notEmpty(o.clusterIP()) && !"ExternalName".equals(o.type())
        && !"ExternalName".equals(n.type())) {
      MetaValidation.immutable("spec.clusterIP", o.clusterIP(), n.clusterIP(), out);
    }
  }
}
