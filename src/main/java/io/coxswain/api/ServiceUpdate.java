package io.coxswain.api;

import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What Kubernetes' service REST update does to a replacement Service before it is validated, so
 * that {@code kubectl apply}, {@code patch} and {@code replace} work as they do there. Three steps,
 * in Kubernetes' order:
 * <ol>
 *   <li><b>patchAllocatedValues</b>: values the server allocated and the client left out are kept:
 *       the cluster IP(s) while both versions need one, and each port's node port (matched by port
 *       name) while both need node ports, unless another port of the new version already uses it;</li>
 *   <li><b>normalizeClusterIPs</b>: {@code clusterIP} and {@code clusterIPs} kept in step when a
 *       client only knows the first (an old client clearing or changing one of them);</li>
 *   <li><b>dropTypeDependentFields</b>: a change of type clears what only the old type had and the
 *       client did not change itself: cluster IPs and IP families when the Service turns
 *       ExternalName, node ports when it no longer needs them, {@code healthCheckNodePort},
 *       {@code allocateLoadBalancerNodePorts}, {@code loadBalancerClass} and
 *       {@code externalTrafficPolicy} when it is no longer a NodePort or LoadBalancer.</li>
 * </ol>
 * A value the client did change is left for validation to judge. Pure.
 */
public final class ServiceUpdate {
  private ServiceUpdate() {}

  /** The Service to validate and store for a replacement of {@code old} by {@code next}. */
  public static Service prepare(Service old, Service next) {
    ServiceSpec spec = patchAllocatedValues(old.spec(), next.spec());
    spec = normalizeClusterIps(old.spec(), spec);
    spec = dropTypeDependentFields(old.spec(), spec);
    return next.withSpec(spec);
  }

  /** Every type but ExternalName has a cluster IP (even "None" counts as one). */
  public static boolean needsClusterIp(ServiceSpec spec) {
    return !"ExternalName".equals(spec.type());
  }

  /** NodePort, and LoadBalancer unless {@code allocateLoadBalancerNodePorts} is false. */
  public static boolean needsNodePorts(ServiceSpec spec) {
    return "NodePort".equals(spec.type())
        || ("LoadBalancer".equals(spec.type()) && !Boolean.FALSE.equals(spec.allocateLoadBalancerNodePorts()));
  }

  /**
   * Kubernetes' ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with externalIPs; these
   * have an {@code externalTrafficPolicy}.
   */
  public static boolean externallyAccessible(ServiceSpec spec) {
    return "NodePort".equals(spec.type()) || "LoadBalancer".equals(spec.type())
        || (("ClusterIP".equals(spec.type()) || spec.type() == null) && !spec.externalIPs().isEmpty());
  }

  private static boolean needsHealthCheckNodePort(ServiceSpec spec) {
    return "LoadBalancer".equals(spec.type()) && "Local".equals(spec.externalTrafficPolicy());
  }

  private static ServiceSpec patchAllocatedValues(ServiceSpec old, ServiceSpec next) {
    ServiceSpec.Builder out = next.toBuilder();
    if (needsClusterIp(old) && needsClusterIp(next)) {
      if (empty(next.clusterIP())) {
        out.clusterIP(old.clusterIP());
      }
      if (next.clusterIPs().isEmpty() && !old.clusterIPs().isEmpty()) {
        out.clusterIPs(old.clusterIPs());
      }
    }
    if (needsNodePorts(old) && needsNodePorts(next)) {
      Set<Integer> used = nodePorts(old);
      used.retainAll(nodePorts(next));
      Map<String, Integer> byName = new HashMap<>();
      old.ports().forEach(p -> byName.put(Objects.requireNonNullElse(p.name(), ""), p.nodePort()));
      out.ports(next.ports().stream().map(p -> {
        Integer kept = byName.get(Objects.requireNonNullElse(p.name(), ""));
        return unset(p.nodePort()) && kept != null && !used.contains(kept) ? p.withNodePort(kept) : p;
      }).toList());
    }
    if (needsHealthCheckNodePort(old) && needsHealthCheckNodePort(next) && unset(next.healthCheckNodePort())) {
      out.healthCheckNodePort(old.healthCheckNodePort());
    }
    return out.build();
  }

  private static ServiceSpec normalizeClusterIps(ServiceSpec old, ServiceSpec next) {
    ServiceSpec.Builder out = next.toBuilder();
    List<String> ips = next.clusterIPs();
    if (!old.clusterIPs().isEmpty() && ips.isEmpty() && Objects.equals(old.clusterIP(), next.clusterIP())) {
      ips = old.clusterIPs(); // an old client that knows only clusterIP
    }
    if (!Objects.equals(old.clusterIP(), next.clusterIP()) && ips.equals(old.clusterIPs())) {
      // clusterIP was cleared or changed and clusterIPs left as it was: follow clusterIP
      ips = empty(next.clusterIP()) ? List.of() : List.of(next.clusterIP());
    }
    return out.clusterIPs(ips).build();
  }

  private static ServiceSpec dropTypeDependentFields(ServiceSpec old, ServiceSpec next) {
    ServiceSpec.Builder out = next.toBuilder();
    if (needsClusterIp(old) && !needsClusterIp(next)) {
      if (Objects.equals(old.clusterIP(), next.clusterIP()) && old.clusterIPs().equals(next.clusterIPs())) {
        out.clusterIP(null).clusterIPs(null);
      }
      if (old.ipFamilies().equals(next.ipFamilies())) {
        out.ipFamilies(null);
      }
      if (Objects.equals(old.ipFamilyPolicy(), next.ipFamilyPolicy())) {
        out.ipFamilyPolicy(null);
      }
    }
    if (needsNodePorts(old) && !needsNodePorts(next) && sameNodePorts(old, next)) {
      out.ports(next.ports().stream().map(p -> p.withNodePort(null)).toList());
    }
    if (needsHealthCheckNodePort(old) && !needsHealthCheckNodePort(next)
        && Objects.equals(old.healthCheckNodePort(), next.healthCheckNodePort())) {
      out.healthCheckNodePort(null);
    }
    boolean leavesLoadBalancer = "LoadBalancer".equals(old.type()) && !"LoadBalancer".equals(next.type());
    if (leavesLoadBalancer && next.allocateLoadBalancerNodePorts() != null
        && Objects.equals(old.allocateLoadBalancerNodePorts(), next.allocateLoadBalancerNodePorts())) {
      out.allocateLoadBalancerNodePorts(null);
    }
    if (leavesLoadBalancer && next.loadBalancerClass() != null
        && Objects.equals(old.loadBalancerClass(), next.loadBalancerClass())) {
      out.loadBalancerClass(null);
    }
    if (externallyAccessible(old) && !externallyAccessible(next)
        && Objects.equals(old.externalTrafficPolicy(), next.externalTrafficPolicy())) {
      out.externalTrafficPolicy(null);
    }
    return out.build();
  }

  /** Whether the client added no node port of its own (it may remove or move ports). */
  private static boolean sameNodePorts(ServiceSpec old, ServiceSpec next) {
    return nodePorts(old).containsAll(nodePorts(next));
  }

  private static Set<Integer> nodePorts(ServiceSpec spec) {
    Set<Integer> ports = new HashSet<>();
    spec.ports().forEach(p -> {
      if (!unset(p.nodePort())) {
        ports.add(p.nodePort());
      }
    });
    return ports;
  }

  private static boolean unset(Integer value) {
    return value == null || value == 0;
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }
}
