package io.coxswain.registry;

import io.coxswain.api.ApiException;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import io.coxswain.store.CacheView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Gives new services their cluster IP (from the service range, 10.96.0.0/16 by default, as
 * kubeadm's) and their node ports (30000-32767), or checks the ones the client asked for against
 * the Services that exist. A pick avoids what the watch cache shows plus what this allocator picked
 * in the last minute (a create in flight is not in the cache yet); a value asked for is not held,
 * so a dry run, a refused create or a delete leaves it free at once, as in Kubernetes. The pick is
 * a proposal: the store commits a write only if no other object holds its IP or ports
 * ({@link io.coxswain.api.UniqueClaims}), so two members picking the same address at once cannot
 * both succeed; the loser is tried again with a fresh pick ({@link #takenElsewhere}).
 */
final class ServiceAllocator {
  static final int NODE_PORT_MIN = 30000;
  static final int NODE_PORT_MAX = 32767;
  private static final long HOLD_NANOS = 60_000_000_000L;

  private final String cidr;
  private final int networkBase;
  private final int size;
  private final Random random;
  private final Map<String, Long> recentIps = new HashMap<>();
  private final Map<Integer, Long> recentPorts = new HashMap<>();

  ServiceAllocator(String cidr, Random random) {
    String[] parts = cidr.split("/");
    int prefix = Integer.parseInt(parts[1]);
    if (prefix < 12 || prefix > 28) {
      throw new IllegalArgumentException("service CIDR prefix must be between /12 and /28: " + cidr);
    }
    this.cidr = cidr;
    this.networkBase = toInt(parts[0]) & (-1 << (32 - prefix));
    this.size = 1 << (32 - prefix);
    this.random = random;
  }

  /** The service with its cluster IP and node ports filled in; 422 when a requested one is taken. */
  synchronized KubeObject allocate(KubeObject object, CacheView view) {
    Service service = (Service) object;
    ServiceSpec spec = service.spec();
    if ("ExternalName".equals(spec.type())) {
      return service;
    }
    Taken taken = taken(view, null);
    String ip = clusterIp(service, taken);
    ServiceSpec allocated = ipFamilies(service).withClusterIP(ip).withPorts(nodePorts(service, taken.ports()));
    return service.withSpec(healthCheckNodePort(allocated, taken.ports()));
  }

  /**
   * A LoadBalancer Service with {@code externalTrafficPolicy: Local} gets a health-check node port
   * from the node port range when it asks for none, as Kubernetes allocates one.
   */
  private ServiceSpec healthCheckNodePort(ServiceSpec spec, Set<Integer> taken) {
    boolean needs = "LoadBalancer".equals(spec.type()) && "Local".equals(spec.externalTrafficPolicy());
    if (!needs || (spec.healthCheckNodePort() != null && spec.healthCheckNodePort() != 0)) {
      return spec;
    }
    Set<Integer> avoid = new HashSet<>(taken);
    avoid.addAll(recentPorts.keySet());
    spec.ports().forEach(p -> {
      if (p.nodePort() != null) {
        avoid.add(p.nodePort());
      }
    });
    int port = freePort(avoid);
    recentPorts.put(port, System.nanoTime());
    return spec.toBuilder().healthCheckNodePort(port).build();
  }

  /**
   * What other Services hold, as this member's cache shows them ({@code except}: the uid of the
   * Service being updated, whose own values are not taken from it).
   */
  private record Taken(Set<String> ips, Set<Integer> ports) {}

  private Taken taken(CacheView view, String except) {
    expire();
    Set<String> ips = new HashSet<>();
    Set<Integer> ports = new HashSet<>();
    for (KubeObject existing : view.list("services", null, null, 0, o -> true).items()) {
      if (except != null && except.equals(existing.metadata().uid())) {
        continue;
      }
      ServiceSpec s = ((Service) existing).spec();
      if (s.clusterIP() != null) {
        ips.add(s.clusterIP());
      }
      s.ports().forEach(p -> {
        if (p.nodePort() != null) {
          ports.add(p.nodePort());
        }
      });
      if (s.healthCheckNodePort() != null && s.healthCheckNodePort() != 0) {
        ports.add(s.healthCheckNodePort());
      }
    }
    return new Taken(ips, ports);
  }

  /**
   * The Service's cluster IP: the one it asks for (422 when out of range or another Service holds
   * it), "None", or a free one. Only picks avoid what this allocator handed out lately: a value
   * asked for is checked against the Services that exist, so a dry run, a refused create or a
   * delete does not hold it (the store's unique claims settle a race between members).
   */
  private String clusterIp(Service service, Taken taken) {
    String ip = service.spec().clusterIP();
    if (ip == null || ip.isEmpty()) {
      Set<String> avoid = new HashSet<>(taken.ips());
      avoid.addAll(recentIps.keySet());
      ip = freeIp(avoid);
      recentIps.put(ip, System.nanoTime());
    } else if (!"None".equals(ip)) {
      checkRequestedIp(service, ip, taken.ips());
    }
    return ip;
  }

  /**
   * The IP families, as Kubernetes sets them in a single-stack IPv4 cluster: {@code SingleStack}
   * and {@code [IPv4]} unless asked otherwise; {@code PreferDualStack} is kept and gets IPv4 alone;
   * IPv6 and {@code RequireDualStack} are refused in Kubernetes' words.
   */
  private static ServiceSpec ipFamilies(Service service) {
    ServiceSpec spec = service.spec();
    List<StatusCause> causes = new ArrayList<>();
    if ("RequireDualStack".equals(spec.ipFamilyPolicy())) {
      causes.add(new StatusCause("FieldValueInvalid", "Invalid value: \"RequireDualStack\": this cluster is not "
          + "configured for dual-stack services", "spec.ipFamilyPolicy"));
    }
    for (int i = 0; i < spec.ipFamilies().size(); i++) {
      if (!"IPv4".equals(spec.ipFamilies().get(i))) {
        causes.add(new StatusCause("FieldValueInvalid", "Invalid value: \"" + spec.ipFamilies().get(i)
            + "\": not configured on this cluster", "spec.ipFamilies[" + i + "]"));
      }
    }
    if (!causes.isEmpty()) {
      throw ApiException.invalid("Service", service.metadata().name(), causes);
    }
    return spec.toBuilder().ipFamilies(List.of("IPv4"))
        .ipFamilyPolicy(spec.ipFamilyPolicy() == null ? "SingleStack" : spec.ipFamilyPolicy()).build();
  }

  /**
   * An updated Service's node ports, as Kubernetes' service REST update handles them: a Service that
   * is now NodePort or LoadBalancer gets a node port for each port that has none (its own ports
   * kept, a new one checked against every other Service's); one that is now ClusterIP or
   * ExternalName gives back node ports it kept from before.
   */
  synchronized KubeObject reallocate(Service current, Service next, CacheView view) {
    next = clusterIpOnUpdate(current, next, view);
    boolean wants = wantsNodePorts(next);
    Set<Integer> mine = new HashSet<>();
    current.spec().ports().forEach(p -> {
      if (p.nodePort() != null) {
        mine.add(p.nodePort());
      }
    });
    if (!wants) {
      if (mine.isEmpty() || !wantsNodePorts(current)) {
        return next;
      }
      List<ServicePort> released = next.spec().ports().stream()
          .map(p -> p.nodePort() != null && mine.contains(p.nodePort()) ? p.withNodePort(null) : p).toList();
      return next.withSpec(next.spec().withPorts(released));
    }
    Set<Integer> used = taken(view, current.metadata().uid()).ports();
    mine.forEach(recentPorts::remove);
    used.removeAll(mine);
    return next.withSpec(healthCheckNodePort(next.spec().withPorts(nodePorts(next, used)), used));
  }

  /**
   * A Service that turns from ExternalName into a type with a cluster IP gets one (asked for or
   * picked) as on create; any Service with a cluster IP has its IP families filled in, so a
   * replacement that leaves them out keeps them, as Kubernetes' initIPFamilyFields does.
   */
  private Service clusterIpOnUpdate(Service current, Service next, CacheView view) {
    if (!io.coxswain.api.ServiceUpdate.needsClusterIp(next.spec())) {
      return next;
    }
    ServiceSpec spec = next.spec();
    if (!io.coxswain.api.ServiceUpdate.needsClusterIp(current.spec())) {
      spec = spec.withClusterIP(clusterIp(next, taken(view, current.metadata().uid())));
    }
    if (spec.ipFamilyPolicy() == null && current.spec().ipFamilyPolicy() != null) {
      spec = spec.toBuilder().ipFamilyPolicy(current.spec().ipFamilyPolicy()).build();
    }
    Service withIp = next.withSpec(spec);
    return withIp.withSpec(ipFamilies(withIp));
  }

  /**
   * Whether the store refused {@code requested}'s write only on values this allocator picked (not
   * ones the client asked for); those values are then held as taken, so the next pick avoids them
   * even before the cache shows the Service that has them.
   */
  synchronized boolean takenElsewhere(Service requested, ApiException error) {
    if (error.code() != 422 || error.status().details() == null || error.status().details().causes() == null
        || error.status().details().causes().isEmpty()) {
      return false;
    }
    List<String> taken = new ArrayList<>();
    for (StatusCause cause : error.status().details().causes()) {
      String field = cause.field() == null ? "" : cause.field();
      String message = cause.message() == null ? "" : cause.message();
      if (!message.contains("already allocated")) {
        return false;
      }
      if (field.equals("spec.clusterIPs")) {
        String asked = requested.spec().clusterIP();
        if (asked != null && !asked.isEmpty()) {
          return false;
        }
        taken.add("ip:" + message.replaceAll(".*failed to allocate IP ([0-9.]+).*", "$1"));
      } else if (field.matches("spec\\.ports\\[\\d+\\]\\.nodePort")) {
        int index = Integer.parseInt(field.replaceAll("\\D+", " ").trim());
        List<ServicePort> ports = requested.spec().ports();
        if (index < ports.size() && ports.get(index).nodePort() != null && ports.get(index).nodePort() != 0) {
          return false;
        }
        taken.add("port:" + message.replaceAll("\\D*(\\d+).*", "$1"));
      } else {
        return false;
      }
    }
    long now = System.nanoTime();
    for (String value : taken) {
      if (value.startsWith("ip:")) {
        recentIps.put(value.substring(3), now);
      } else {
        recentPorts.put(Integer.parseInt(value.substring(5)), now);
      }
    }
    return true;
  }

  private static boolean wantsNodePorts(Service service) {
    return "NodePort".equals(service.spec().type()) || "LoadBalancer".equals(service.spec().type());
  }

  /**
   * Each port's node port: the one asked for (422 when another Service holds it), or a free one;
   * the same port number for TCP and UDP shares one node port, as in Kubernetes.
   */
  private List<ServicePort> nodePorts(Service service, Set<Integer> taken) {
    Set<Integer> used = new HashSet<>(taken);
    Set<Integer> avoid = new HashSet<>(taken);
    avoid.addAll(recentPorts.keySet());
    boolean wantsNodePorts = wantsNodePorts(service);
    Map<Integer, Integer> byServicePort = new HashMap<>();
    Set<Integer> ownRequests = new HashSet<>();
    List<ServicePort> ports = new ArrayList<>();
    for (int i = 0; i < service.spec().ports().size(); i++) {
      ServicePort port = service.spec().ports().get(i);
      if (port.nodePort() != null && port.nodePort() != 0) {
        if (port.nodePort() < NODE_PORT_MIN || port.nodePort() > NODE_PORT_MAX) {
          throw invalid(service, "spec.ports[" + i + "].nodePort", port.nodePort() + ": provided port is not in the "
              + "valid range. The range of valid ports is " + NODE_PORT_MIN + "-" + NODE_PORT_MAX);
        }
        if (used.contains(port.nodePort()) && !ownRequests.contains(port.nodePort())) {
          throw invalid(service, "spec.ports[" + i + "].nodePort", port.nodePort() + ": provided port is already allocated");
        }
        ownRequests.add(port.nodePort());
      } else if (wantsNodePorts) {
        Integer shared = port.port() == null ? null : byServicePort.get(port.port());
        if (shared == null) {
          shared = freePort(avoid);
          recentPorts.put(shared, System.nanoTime());
        }
        port = port.withNodePort(shared);
      }
      if (port.nodePort() != null && port.port() != null) {
        byServicePort.putIfAbsent(port.port(), port.nodePort());
      }
      if (port.nodePort() != null) {
        used.add(port.nodePort());
        avoid.add(port.nodePort());
      }
      ports.add(port);
    }
    return ports;
  }

  private void checkRequestedIp(Service service, String ip, Set<String> used) {
    int address;
    try {
      address = toInt(ip);
    } catch (IllegalArgumentException e) {
      throw invalid(service, "spec.clusterIP", "\"" + ip + "\": must be a valid IP address, (e.g. 10.9.8.7), or \"None\"");
    }
    // Kubernetes' allocator reports both on spec.clusterIPs, in these words.
    if (Integer.compareUnsigned(address - networkBase, size) >= 0) {
      throw invalid(service, "spec.clusterIPs", "[]string{\"" + ip + "\"}: failed to allocate IP " + ip + ": the provided IP ("
          + ip + ") is not in the valid range. The range of valid IPs is " + cidr);
    }
    if (used.contains(ip)) {
      throw invalid(service, "spec.clusterIPs", "[]string{\"" + ip + "\"}: failed to allocate IP " + ip
          + ": provided IP is already allocated");
    }
  }

  /** A random free address (not the network's first, which Kubernetes gives to its own service). */
  private String freeIp(Set<String> used) {
    int start = 2 + random.nextInt(size - 3);
    for (int i = 0; i < size - 3; i++) {
      String candidate = toIp(networkBase + 2 + Math.floorMod(start - 2 + i, size - 3));
      if (!used.contains(candidate)) {
        return candidate;
      }
    }
    throw new ApiException(io.coxswain.api.Status.failure(500, "InternalError",
        "Internal error occurred: failed to allocate a serviceIP: range is full", null));
  }

  private int freePort(Set<Integer> used) {
    int range = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    int start = random.nextInt(range);
    for (int i = 0; i < range; i++) {
      int candidate = NODE_PORT_MIN + (start + i) % range;
      if (!used.contains(candidate)) {
        return candidate;
      }
    }
    throw new ApiException(io.coxswain.api.Status.failure(500, "InternalError",
        "Internal error occurred: failed to allocate a nodePort: range is full", null));
  }

  private void expire() {
    long now = System.nanoTime();
    recentIps.values().removeIf(at -> now - at > HOLD_NANOS);
    recentPorts.values().removeIf(at -> now - at > HOLD_NANOS);
  }

  private static ApiException invalid(Service service, String field, String message) {
    return ApiException.invalid("Service", service.metadata().name(),
        List.of(new StatusCause("FieldValueInvalid", "Invalid value: " + message, field)));
  }

  static int toInt(String ip) {
    String[] octets = ip.split("\\.");
    if (octets.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    int value = 0;
    for (String octet : octets) {
      int b = Integer.parseInt(octet);
      if (b < 0 || b > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip);
      }
      value = value << 8 | b;
    }
    return value;
  }

  static String toIp(int value) {
    return (value >>> 24) + "." + (value >>> 16 & 255) + "." + (value >>> 8 & 255) + "." + (value & 255);
  }
}
