package io.coxswain.network;

import io.coxswain.api.discovery.Endpoint;
import io.coxswain.api.discovery.EndpointConditions;
import io.coxswain.api.discovery.EndpointPort;
import io.coxswain.api.discovery.EndpointSlice;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Plans a node's service rules from the Services and their EndpointSlices, as kube-proxy's nftables
 * mode lays them out: a cluster IP and port (or a node port) jumps to its service-port chain, which
 * picks one ready endpoint at random ({@code numgen random}) and jumps to that endpoint's chain,
 * which marks the packet for masquerading and DNATs it to the pod's address and port.
 *
 * <p>What Kubernetes does and this follows: only ready endpoints receive traffic (condition
 * {@code ready} true or unset), except that when a port has none, endpoints that are terminating
 * but still serving do (kube-proxy's fallback, so the last pod of a Service being replaced keeps
 * answering while it shuts down); a port with neither is rejected at once (TCP reset, ICMP port
 * unreachable), not dropped; {@code sessionAffinity:
 * ClientIP} sends a client back to the endpoint it had within {@code timeoutSeconds} (default
 * 10,800); {@code internalTrafficPolicy: Local} uses this node's endpoints only; headless
 * ({@code clusterIP: None}) and ExternalName Services get no rules; NodePort and
 * LoadBalancer Services also answer on their node ports at every local address but loopback (as
 * kube-proxy's nftables mode, which does not serve node ports on 127.0.0.1).
 *
 * <p>Chain names are stable (a hash of what they stand for, then a readable tail), so a rebuild
 * changes only what changed. Pure: no I/O.
 */
public final class ServiceRules {
  /** The mark bit endpoint chains set so that postrouting masquerades (kube-proxy's bit). */
  public static final int MASQUERADE_MARK = 0x4000;
  static final int DEFAULT_AFFINITY_SECONDS = 10_800;

  private ServiceRules() {}

  /**
   * @param services every Service the node knows
   * @param slicesOf the EndpointSlices of a Service (label {@code kubernetes.io/service-name}), empty when none yet
   */
  public static Ruleset plan(Iterable<Service> services, Function<Service, List<EndpointSlice>> slicesOf) {
    return plan(services, slicesOf, null);
  }

  /**
   * @param nodeName this node: a Service with {@code internalTrafficPolicy: Local} is sent only to
   *                 endpoints on it (none elsewhere: then the port is rejected, as kube-proxy drops it)
   */
  public static Ruleset plan(Iterable<Service> services, Function<Service, List<EndpointSlice>> slicesOf,
      String nodeName) {
    Map<String, List<String>> chains = new TreeMap<>();
    Map<String, Integer> affinitySets = new TreeMap<>();
    List<String> serviceIps = new ArrayList<>();
    List<String> nodePorts = new ArrayList<>();
    List<String> noEndpoints = new ArrayList<>();
    List<String> noEndpointNodePorts = new ArrayList<>();
    for (Service service : services) {
      ServiceSpec spec = service.spec();
      String clusterIp = spec.clusterIP();
      if (clusterIp == null || clusterIp.isEmpty() || "None".equals(clusterIp) || "ExternalName".equals(spec.type())) {
        continue;
      }
      boolean nodePortType = "NodePort".equals(spec.type()) || "LoadBalancer".equals(spec.type());
      Integer affinity = affinitySeconds(spec);
      List<EndpointSlice> endpoints = slicesOf.apply(service);
      for (ServicePort port : spec.ports()) {
        String protocol = protocol(port.protocol());
        String element = clusterIp + " . " + protocol + " . " + port.port();
        String nodePortElement = port.nodePort() == null ? null : protocol + " . " + port.nodePort();
        List<String> targets = readyTargets(endpoints, port,
            "Local".equals(spec.internalTrafficPolicy()) ? nodeName : null);
        if (targets.isEmpty()) {
          noEndpoints.add(element);
          if (nodePortType && nodePortElement != null) {
            noEndpointNodePorts.add(nodePortElement);
          }
          continue;
        }
        String what = service.metadata().namespace() + "/" + service.metadata().name() + "/" + protocol + "/"
            + (port.name() == null || port.name().isEmpty() ? port.port() : port.name());
        String serviceChain = "svc-" + hash(what) + "-" + what;
        List<String> serviceRules = new ArrayList<>();
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
          String target = targets.get(i);
          String endpointChain = "ep-" + hash(what + "@" + target) + "-" + target.replace(':', '/');
          List<String> endpointRules = new ArrayList<>();
          if (affinity != null) {
            String set = "aff-" + hash(what + "@" + target);
            affinitySets.put(set, affinity);
            serviceRules.add("ip saddr @" + set + " goto " + endpointChain);
            endpointRules.add("update @" + set + " { ip saddr }");
          }
          endpointRules.add(String.format(Locale.ROOT, "meta mark set meta mark | 0x%x", MASQUERADE_MARK));
          endpointRules.add("meta l4proto " + protocol + " dnat ip to " + target);
          chains.put(endpointChain, endpointRules);
          picks.add(i + " : goto " + endpointChain);
        }
        serviceRules.add(targets.size() == 1 ? "goto " + chainOf(picks.get(0))
            : "numgen random mod " + targets.size() + " vmap { " + String.join(", ", picks) + " }");
        chains.put(serviceChain, serviceRules);
        serviceIps.add(element + " : goto " + serviceChain);
        if (nodePortType && nodePortElement != null) {
          nodePorts.add(nodePortElement + " : goto " + serviceChain);
        }
      }
    }
    return new Ruleset(new TreeMap<>(chains), new TreeMap<>(affinitySets), serviceIps, nodePorts, noEndpoints,
        noEndpointNodePorts);
  }

  private static String chainOf(String pick) {
    return pick.substring(pick.indexOf("goto ") + "goto ".length());
  }

  /**
   * The {@code ip:port} pairs traffic for one service port goes to, in a stable order: the ready
   * endpoints, or, when there is none, the serving terminating ones. A slice's ports are matched by
   * the service port's name (a single unnamed port matches an unnamed one) and protocol; only IPv4
   * slices are read.
   */
  static List<String> readyTargets(List<EndpointSlice> slices, ServicePort port, String onlyNode) {
    String name = port.name() == null ? "" : port.name();
    String protocol = protocol(port.protocol());
    Set<String> ready = new LinkedHashSet<>();
    Set<String> terminating = new LinkedHashSet<>();
    for (EndpointSlice slice : slices) {
      if (!"IPv4".equals(slice.addressType())) {
        continue;
      }
      for (EndpointPort slicePort : slice.ports()) {
        String sliceName = slicePort.name() == null ? "" : slicePort.name();
        if (!sliceName.equals(name) || !protocol(slicePort.protocol()).equals(protocol) || slicePort.port() == null) {
          continue;
        }
        for (Endpoint endpoint : slice.endpoints()) {
          if ((onlyNode != null && !onlyNode.equals(endpoint.nodeName())) || endpoint.addresses().isEmpty()) {
            continue;
          }
          EndpointConditions conditions = endpoint.conditions();
          String target = endpoint.addresses().get(0) + ":" + slicePort.port();
          if (!Boolean.FALSE.equals(conditions.ready())) {
            ready.add(target);
          } else if (!Boolean.FALSE.equals(conditions.serving()) && Boolean.TRUE.equals(conditions.terminating())) {
            terminating.add(target);
          }
        }
      }
    }
    return (ready.isEmpty() ? terminating : ready).stream().sorted().toList();
  }

  private static Integer affinitySeconds(ServiceSpec spec) {
    if (!"ClientIP".equals(spec.sessionAffinity())) {
      return null;
    }
    if (spec.sessionAffinityConfig() != null && spec.sessionAffinityConfig().clientIP() != null
        && spec.sessionAffinityConfig().clientIP().timeoutSeconds() != null) {
      return spec.sessionAffinityConfig().clientIP().timeoutSeconds();
    }
    return DEFAULT_AFFINITY_SECONDS;
  }

  static String protocol(String protocol) {
    return Objects.requireNonNullElse(protocol, "TCP").toLowerCase(Locale.ROOT);
  }

  /** The first 8 hex digits of SHA-256: enough to tell a node's chains apart, short enough to read. */
  static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
