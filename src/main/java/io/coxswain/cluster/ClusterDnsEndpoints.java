package io.coxswain.cluster;

import io.coxswain.api.ApiException;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.EndpointAddress;
import io.coxswain.api.core.EndpointPort;
import io.coxswain.api.core.EndpointSubset;
import io.coxswain.api.core.Endpoints;
import io.coxswain.registry.Client;
import io.coxswain.store.CacheView;
import io.coxswain.store.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The Endpoints of {@code kube-system/kube-dns}: one address per node that serves the cluster DNS,
 * with its node name (the Service's Local traffic policy keeps each node's pods on their own
 * node's server). A node adds itself when its server starts and removes itself when it stops;
 * addresses of nodes no longer in the cluster are dropped on the way.
 */
final class ClusterDnsEndpoints {
  static final ResourceKey KEY = new ResourceKey("endpoints", "kube-system", "kube-dns");

  private ClusterDnsEndpoints() {}

  /** Adds (or with {@code ip} null removes) this node's server, retrying conflicts. Blocking. */
  static void set(Client client, CacheView view, String nodeName, String ip, int port) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        if (view.get(KEY) == null) {
          if (ip == null) {
            return;
          }
          CoxswainNode.await(client.create(Endpoints.of(ObjectMeta.named(KEY.namespace(), KEY.name())
              .withLabels(java.util.Map.of("k8s-app", "kube-dns")), subsets(List.of(), nodeName, ip, port, view))),
              Duration.ofSeconds(30), "registering the cluster DNS server");
          return;
        }
        CoxswainNode.await(client.update(KEY, Endpoints.class, current -> current.withSubsets(
            subsets(current.subsets(), nodeName, ip, port, view))), Duration.ofSeconds(30),
            "registering the cluster DNS server");
        return;
      } catch (ExecutionException | CompletionException e) {
        if (!(e.getCause() instanceof ApiException api && api.code() == 409) || attempt >= 20) {
          throw e;
        }
      }
    }
  }

  private static List<EndpointSubset> subsets(List<EndpointSubset> current, String nodeName, String ip, int port,
      CacheView view) {
    List<EndpointAddress> addresses = new ArrayList<>();
    for (EndpointSubset subset : current) {
      for (EndpointAddress address : subset.addresses()) {
        boolean mine = nodeName.equals(address.nodeName());
        boolean nodeExists = address.nodeName() != null
            && view.get(ResourceKey.clusterScoped("nodes", address.nodeName())) != null;
        if (!mine && nodeExists) {
          addresses.add(address);
        }
      }
    }
    if (ip != null) {
      addresses.add(new EndpointAddress(ip, null, nodeName, null));
    }
    return addresses.isEmpty() ? List.of() : List.of(new EndpointSubset(addresses, List.of(),
        List.of(new EndpointPort("dns", port, "UDP", null), new EndpointPort("dns-tcp", port, "TCP", null))));
  }
}
