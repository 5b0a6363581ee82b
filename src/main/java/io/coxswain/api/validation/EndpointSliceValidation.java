package io.coxswain.api.validation;

import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.discovery.Endpoint;
import io.coxswain.api.discovery.EndpointPort;
import io.coxswain.api.discovery.EndpointSlice;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes' ValidateEndpointSlice: a supported address type; at most 1,000 endpoints of 1 to 100
 * addresses each, valid for the type (an IPv4 literal, an IPv6 literal, or a DNS subdomain for
 * FQDN); endpoint host and node names as DNS names; at most 20,000 ports with unique valid names,
 * a supported protocol and a port number in 1-65535 when set.
 */
final class EndpointSliceValidation {
  static final List<String> ADDRESS_TYPES = List.of("IPv4", "IPv6", "FQDN");
  private static final int MAX_ENDPOINTS = 1000;
  private static final int MAX_ADDRESSES = 100;
  private static final int MAX_PORTS = 20000;

  private EndpointSliceValidation() {}

  static void endpointSlice(EndpointSlice slice, List<StatusCause> out) {
    MetaValidation.objectMeta(slice.metadata(), true, Names::dns1123Subdomain, out);
    String type = slice.addressType();
    if (type == null || type.isEmpty()) {
      out.add(Causes.required("addressType", ""));
    } else if (!ADDRESS_TYPES.contains(type)) {
      out.add(Causes.notSupported("addressType", type, ADDRESS_TYPES));
    }
    if (slice.endpoints().size() > MAX_ENDPOINTS) {
      out.add(tooMany("endpoints", slice.endpoints().size(), MAX_ENDPOINTS));
    }
    for (int i = 0; i < slice.endpoints().size(); i++) {
      endpoint(slice.endpoints().get(i), type, "endpoints[" + i + "]", out);
    }
    if (slice.ports().size() > MAX_PORTS) {
      out.add(tooMany("ports", slice.ports().size(), MAX_PORTS));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < slice.ports().size(); i++) {
      EndpointPort port = slice.ports().get(i);
      String at = "ports[" + i + "]";
      String name = port.name() == null ? "" : port.name();
      if (!name.isEmpty()) {
        Names.dns1123Label(name).forEach(m -> out.add(Causes.invalid(at + ".name", name, m)));
      }
      if (!names.add(name)) {
        out.add(Causes.duplicate(at + ".name", name));
      }
      if (port.protocol() == null || port.protocol().isEmpty()) {
        out.add(Causes.required(at + ".protocol", ""));
      } else {
        PodValidation.oneOf(port.protocol(), PodValidation.PROTOCOLS, at + ".protocol", out);
      }
      if (port.port() != null) {
        Names.portNumber(port.port()).forEach(m -> out.add(Causes.invalid(at + ".port", port.port(), m)));
      }
      if (port.appProtocol() != null && !port.appProtocol().isEmpty()) {
        Names.qualifiedName(port.appProtocol())
            .forEach(m -> out.add(Causes.invalid(at + ".appProtocol", port.appProtocol(), m)));
      }
    }
  }

  private static void endpoint(Endpoint endpoint, String type, String at, List<StatusCause> out) {
    List<String> addresses = endpoint.addresses();
    if (addresses.isEmpty()) {
      out.add(Causes.required(at + ".addresses", "must contain at least 1 address"));
    } else if (addresses.size() > MAX_ADDRESSES) {
      out.add(tooMany(at + ".addresses", addresses.size(), MAX_ADDRESSES));
    }
    for (int j = 0; j < addresses.size(); j++) {
      String address = addresses.get(j) == null ? "" : addresses.get(j);
      String field = at + ".addresses[" + j + "]";
      if ("IPv4".equals(type) && !(Names.isIp(address) && !address.contains(":"))) {
        out.add(Causes.invalid(field, address, "must be a valid IPv4 address"));
      } else if ("IPv6".equals(type) && !(Names.isIp(address) && address.contains(":"))) {
        out.add(Causes.invalid(field, address, "must be a valid IPv6 address"));
      } else if ("FQDN".equals(type)) {
        Names.dns1123Subdomain(address).forEach(m -> out.add(Causes.invalid(field, address, m)));
      }
    }
    if (endpoint.hostname() != null && !endpoint.hostname().isEmpty()) {
      Names.dns1123Label(endpoint.hostname())
          .forEach(m -> out.add(Causes.invalid(at + ".hostname", endpoint.hostname(), m)));
    }
    if (endpoint.nodeName() != null && !endpoint.nodeName().isEmpty()) {
      Names.dns1123Subdomain(endpoint.nodeName())
          .forEach(m -> out.add(Causes.invalid(at + ".nodeName", endpoint.nodeName(), m)));
    }
  }

  private static StatusCause tooMany(String field, int actual, int max) {
    return new StatusCause("FieldValueTooMany", "Too many: " + actual + ": must have at most " + max + " items",
        field);
  }
}
