package io.coxswain.cluster;

import io.coxswain.api.ApiException;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Namespace;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.registry.Client;
import java.time.Duration;
import java.util.List;

/** What a new cluster starts with: the namespaces Kubernetes always has, and its DNS Service. */
final class Bootstrap {
  static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

  private Bootstrap() {}

  static void ensureSystemNamespaces(StoreClient store, Client client) throws Exception {
    for (String name : SYSTEM_NAMESPACES) {
      ResourceKey key = ResourceKey.clusterScoped("namespaces", name);
      if (store.cache().view().get(key) != null) {
        continue;
      }
      Namespace namespace = new Namespace("v1", "Namespace", ObjectMeta.named(null, name), null, null);
      try {
        CoxswainNode.await(client.create(namespace), Duration.ofSeconds(30), "creating namespace " + name);
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof ApiException api && api.code() == 409)) {
          throw e;
        }
      }
    }
  }

  /**
   * The {@code kube-system/kube-dns} Service every Kubernetes cluster has, on the tenth address of
   * the service range (kubeadm's choice: 10.96.0.10). It has no selector: each node that serves
   * the cluster DNS adds its own server to the Endpoints, and {@code internalTrafficPolicy: Local}
   * sends a pod's queries to the server of its own node.
   */
  static void ensureClusterDnsService(StoreClient store, Client client, String serviceCidr) throws Exception {
    ResourceKey key = new ResourceKey("services", "kube-system", "kube-dns");
    if (store.cache().view().get(key) != null) {
      return;
    }
    String ip = io.coxswain.network.Cidr.parse(serviceCidr).address(10);
    io.coxswain.api.core.ServiceSpec spec = io.coxswain.api.core.ServiceSpec.of(java.util.Map.of(), List.of(
            new io.coxswain.api.core.ServicePort("dns", "UDP", null, 53, io.coxswain.api.core.IntOrString.of(53), null),
            new io.coxswain.api.core.ServicePort("dns-tcp", "TCP", null, 53, io.coxswain.api.core.IntOrString.of(53),
                null)))
        .withClusterIP(ip).toBuilder().internalTrafficPolicy("Local").build();
    io.coxswain.api.core.Service service = new io.coxswain.api.core.Service(null, null,
        ObjectMeta.named("kube-system", "kube-dns").withLabels(java.util.Map.of("k8s-app", "kube-dns",
            "kubernetes.io/cluster-service", "true", "kubernetes.io/name", "CoxswainDNS")), spec, null);
    try {
      CoxswainNode.await(client.create(service), Duration.ofSeconds(30), "creating the kube-dns Service");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof ApiException api && api.code() == 422) {
        // Someone holds the tenth address already: take any, pods read the Service's IP anyway.
        CoxswainNode.await(client.create(service.withSpec(spec.withClusterIP(null))), Duration.ofSeconds(30),
            "creating the kube-dns Service");
      } else if (!(e.getCause() instanceof ApiException api && api.code() == 409)) {
        throw e;
      }
    }
  }
}
