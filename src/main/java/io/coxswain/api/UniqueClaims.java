package io.coxswain.api;

import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import java.util.ArrayList;
import java.util.List;

/**
 * Values that at most one object in the cluster may hold, and which the store therefore checks
 * in the same step that commits a write: a Service's cluster IPs and its node ports. Kubernetes
 * keeps these in allocator bitmaps beside the objects; here the store indexes them from the
 * objects themselves, so a create on one member and a create on another can never both get
 * {@code 10.96.0.12} — the second is refused with the 422 Kubernetes' allocator gives.
 */
public final class UniqueClaims {
  private UniqueClaims() {}

  /**
   * One claimed value.
   *
   * @param value what must be unique cluster-wide, e.g. {@code clusterIP/10.96.0.12} or {@code nodePort/30080}
   * @param field the field a refusal names, e.g. {@code spec.clusterIPs}
   * @param message the refusal's message in Kubernetes' words
   */
  public record Claim(String value, String field, String message) {}

  /** The values {@code object} claims; empty for every kind but Service. */
  public static List<Claim> of(KubeObject object) {
    if (!(object instanceof Service service) || service.spec() == null) {
      return List.of();
    }
    List<Claim> claims = new ArrayList<>();
    for (String ip : service.spec().clusterIPs()) {
      if (ip != null && !ip.isEmpty() && !"None".equals(ip)) {
        claims.add(new Claim("clusterIP/" + ip, "spec.clusterIPs",
            "Invalid value: []string{\"" + ip + "\"}: failed to allocate IP " + ip + ": provided IP is already allocated"));
      }
    }
    String clusterIP = service.spec().clusterIP();
    if (service.spec().clusterIPs().isEmpty() && clusterIP != null && !clusterIP.isEmpty() && !"None".equals(clusterIP)) {
      claims.add(new Claim("clusterIP/" + clusterIP, "spec.clusterIPs",
          "Invalid value: []string{\"" + clusterIP + "\"}: failed to allocate IP " + clusterIP + ": provided IP is already allocated"));
    }
    List<ServicePort> ports = service.spec().ports();
    for (int i = 0; i < ports.size(); i++) {
      Integer nodePort = ports.get(i).nodePort();
      if (nodePort != null && nodePort != 0) {
        claims.add(new Claim("nodePort/" + nodePort, "spec.ports[" + i + "].nodePort",
            "Invalid value: " + nodePort + ": provided port is already allocated"));
      }
    }
    return claims;
  }
}
