package io.coxswain.network;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The per-service part of a node's service rules, as nftables objects: what {@link ServiceRules}
 * plans and {@link NftScript} writes. Everything else in the table (base chains, the dispatch
 * chain, the reject chains) is fixed and written by {@link NftScript} alone.
 *
 * @param chains        regular chains by name, each its rules in order (service-port chains
 *                      {@code svc-...} and endpoint chains {@code ep-...})
 * @param affinitySets  ClientIP affinity sets by name, each its timeout in seconds
 * @param serviceIps    elements of the {@code service-ips} verdict map: {@code IP . PROTO . PORT : goto CHAIN}
 * @param nodePorts     elements of the {@code service-nodeports} verdict map: {@code PROTO . PORT : goto CHAIN}
 * @param noEndpoints   elements of the {@code no-endpoints} set: cluster IP ports with no ready endpoint,
 *                      {@code IP . PROTO . PORT}, answered with a reset or port-unreachable at once
 * @param noEndpointNodePorts elements of the {@code no-endpoint-nodeports} set: {@code PROTO . PORT}
 */
public record Ruleset(SortedMap<String, List<String>> chains, SortedMap<String, Integer> affinitySets,
                      List<String> serviceIps, List<String> nodePorts, List<String> noEndpoints,
                      List<String> noEndpointNodePorts) {

  public Ruleset {
    chains = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(chains));
    affinitySets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(affinitySets));
    serviceIps = List.copyOf(serviceIps);
    nodePorts = List.copyOf(nodePorts);
    noEndpoints = List.copyOf(noEndpoints);
    noEndpointNodePorts = List.copyOf(noEndpointNodePorts);
  }

  /** No services: what a node has before its first sync. */
  public static final Ruleset EMPTY = new Ruleset(new TreeMap<>(), new TreeMap<>(), List.of(), List.of(), List.of(),
      List.of());

  /** How many endpoint chains (one per endpoint of each service port) the ruleset holds. */
  public long endpointChains() {
    return chains.keySet().stream().filter(name -> name.startsWith("ep-")).count();
  }
}
