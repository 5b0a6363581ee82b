package io.coxswain.api.validation;

import io.coxswain.api.Quantity;
import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.Binding;
import io.coxswain.api.core.EndpointAddress;
import io.coxswain.api.core.EndpointPort;
import io.coxswain.api.core.EndpointSubset;
import io.coxswain.api.core.Endpoints;
import io.coxswain.api.core.Event;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Taint;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kubernetes' validation for Node, Namespace, Endpoints, Event and Binding. */
final class ClusterValidation {
  private ClusterValidation() {}

  static void node(Node node, List<StatusCause> out) {
    MetaValidation.objectMeta(node.metadata(), false, Names::dns1123Subdomain, out);
    List<Taint> taints = node.spec().taints();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < taints.size(); i++) {
      Taint t = taints.get(i);
      String at = "spec.taints[" + i + "]";
      String key = t.key() == null ? "" : t.key();
      Names.qualifiedName(key).forEach(m -> out.add(Causes.invalid(at + ".key", key, m)));
      if (t.value() != null) {
        Names.labelValue(t.value()).forEach(m -> out.add(Causes.invalid(at + ".value", t.value(), m)));
      }
      if (!MetaValidation.notEmpty(t.effect())) {
        out.add(Causes.required(at + ".effect", ""));
      } else if (!PodValidation.TAINT_EFFECTS.contains(t.effect())) {
        out.add(Causes.notSupported(at + ".effect", t.effect(), PodValidation.TAINT_EFFECTS));
      }
      if (!seen.add(key + ":" + t.effect())) {
        out.add(Causes.duplicate(at, key + ":" + t.effect()));
      }
    }
    if (node.status() != null) {
      resourceList(node.status().capacity(), "status.capacity", out);
      resourceList(node.status().allocatable(), "status.allocatable", out);
    }
  }

  private static void resourceList(Map<String, Quantity> resources, String path, List<StatusCause> out) {
    resources.forEach((name, value) -> Resources.quantity(value, path + "[" + name + "]", out));
  }

  static void namespace(Namespace ns, List<StatusCause> out) {
    MetaValidation.objectMeta(ns.metadata(), false, Names::dns1123Label, out);
    if (ns.spec() != null) {
      for (int i = 0; i < ns.spec().finalizers().size(); i++) {
        String f = ns.spec().finalizers().get(i);
        String at = "spec.finalizers[" + i + "]";
        Names.qualifiedName(f).forEach(m -> out.add(Causes.invalid(at, f, m)));
      }
    }
  }

  static void endpoints(Endpoints ep, List<StatusCause> out) {
    MetaValidation.objectMeta(ep.metadata(), true, Names::dns1123Subdomain, out);
    for (int i = 0; i < ep.subsets().size(); i++) {
      EndpointSubset s = ep.subsets().get(i);
      String at = "subsets[" + i + "]";
      if (s.addresses().isEmpty() && s.notReadyAddresses().isEmpty()) {
        out.add(Causes.required(at, "must specify `addresses` or `notReadyAddresses`"));
      }
      addresses(s.addresses(), at + ".addresses", out);
      addresses(s.notReadyAddresses(), at + ".notReadyAddresses", out);
      boolean requireName = s.ports().size() > 1;
      Set<String> names = new HashSet<>();
      for (int j = 0; j < s.ports().size(); j++) {
        EndpointPort p = s.ports().get(j);
        String pat = at + ".ports[" + j + "]";
        if (requireName && !MetaValidation.notEmpty(p.name())) {
          out.add(Causes.required(pat + ".name", ""));
        } else if (MetaValidation.notEmpty(p.name())) {
          Names.dns1123Label(p.name()).forEach(m -> out.add(Causes.invalid(pat + ".name", p.name(), m)));
          if (!names.add(p.name())) {
            out.add(Causes.duplicate(pat + ".name", p.name()));
          }
        }
        int port = p.port() == null ? 0 : p.port();
        Names.portNumber(port).forEach(m -> out.add(Causes.invalid(pat + ".port", port, m)));
        PodValidation.oneOf(p.protocol(), PodValidation.PROTOCOLS, pat + ".protocol", out);
      }
    }
  }

  private static void addresses(List<EndpointAddress> addresses, String path, List<StatusCause> out) {
    for (int i = 0; i < addresses.size(); i++) {
      EndpointAddress a = addresses.get(i);
      String at = path + "[" + i + "]";
      if (!Names.isIp(a.ip())) {
        out.add(Causes.invalid(at + ".ip", a.ip() == null ? "" : a.ip(), Names.IP_MSG));
      }
      if (MetaValidation.notEmpty(a.hostname())) {
        Names.dns1123Label(a.hostname()).forEach(m -> out.add(Causes.invalid(at + ".hostname", a.hostname(), m)));
      }
      if (MetaValidation.notEmpty(a.nodeName())) {
        Names.dns1123Subdomain(a.nodeName())
            .forEach(m -> out.add(Causes.invalid(at + ".nodeName", a.nodeName(), m)));
      }
    }
  }

  static void event(Event event, List<StatusCause> out) {
    MetaValidation.objectMeta(event.metadata(), true, Names::dns1123Subdomain, out);
    var involved = event.involvedObject();
    if (involved == null || (!MetaValidation.notEmpty(involved.kind()) && !MetaValidation.notEmpty(involved.name()))) {
      out.add(Causes.required("involvedObject", ""));
      return;
    }
    if (MetaValidation.notEmpty(involved.namespace())
        && !involved.namespace().equals(event.metadata().namespace())) {
      out.add(Causes.invalid("involvedObject.namespace", involved.namespace(), "does not match event.namespace"));
    }
    PodValidation.oneOf(event.type(), List.of("Normal", "Warning"), "type", out);
  }

  static void binding(Binding binding, List<StatusCause> out) {
    var target = binding.target();
    if (target != null && MetaValidation.notEmpty(target.kind()) && !target.kind().equals("Node")) {
      out.add(Causes.notSupported("target.kind", target.kind(), List.of("Node", "<empty>")));
    }
    if (target == null || !MetaValidation.notEmpty(target.name())) {
      out.add(Causes.required("target.name", ""));
    }
  }
}
