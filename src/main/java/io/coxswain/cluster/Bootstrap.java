package io.coxswain.cluster;

import io.coxswain.api.ApiException;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import io.coxswain.network.Cidr;
import io.coxswain.node.config.ServiceAccountTokens;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.registry.Client;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a new cluster starts with: the namespaces Kubernetes always has, its own Service and its DNS Service. */
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
    ServiceSpec spec = ServiceSpec.of(Map.of(), List.of(
            new ServicePort("dns", "UDP", null, 53, IntOrString.of(53), null),
            new ServicePort("dns-tcp", "TCP", null, 53, IntOrString.of(53), null)))
        .withClusterIP(Cidr.parse(serviceCidr).address(10)).toBuilder().internalTrafficPolicy("Local").build();
    ensureService(store, client, new Service(null, null, ObjectMeta.named("kube-system", "kube-dns")
        .withLabels(Map.of("k8s-app", "kube-dns", "kubernetes.io/cluster-service", "true",
            "kubernetes.io/name", "CoxswainDNS")), spec, null));
  }

  /**
   * The {@code default/kubernetes} Service every Kubernetes cluster has, on the first address of
   * the service range (10.96.0.1), port 443 named https, so pods see the
   * {@code KUBERNETES_SERVICE_HOST} and {@code _PORT} variables clients look for. It has no
   * Endpoints: the API binds 127.0.0.1, which no pod can reach, so a connection to it is refused
   * at once rather than sent anywhere.
   *
   * @param apiPort the API's port, the Service's target port
   */
  static void ensureKubernetesService(StoreClient store, Client client, String serviceCidr, int apiPort)
      throws Exception {
    ServiceSpec spec = ServiceSpec.of(Map.of(), List.of(
            new ServicePort("https", "TCP", null, 443, IntOrString.of(apiPort), null)))
        .withClusterIP(Cidr.parse(serviceCidr).address(1));
    ensureService(store, client, new Service(null, null, ObjectMeta.named("default", "kubernetes")
        .withLabels(Map.of("component", "apiserver", "provider", "kubernetes")), spec, null));
  }

  /**
   * Makes the cluster's service account signing key ({@link ServiceAccountTokens}) unless it
   * exists. Members starting together may race: the store keeps the first, the others' 409 is fine.
   */
  static void ensureServiceAccountKey(StoreClient store, Client client) throws Exception {
    ResourceKey key = new ResourceKey("secrets", ServiceAccountTokens.KEY_NAMESPACE, ServiceAccountTokens.KEY_SECRET);
    if (store.cache().view().get(key) != null) {
      return;
    }
    try {
      CoxswainNode.await(client.create(ServiceAccountTokens.newKeySecret()), Duration.ofSeconds(30),
          "creating the service account signing key");
    } catch (java.util.concurrent.ExecutionException e) {
      if (!(e.getCause() instanceof ApiException api && api.code() == 409)) {
        throw e;
      }
    }
  }

  /** Creates {@code service} unless it exists; on any free address when its own is taken. */
  private static void ensureService(StoreClient store, Client client, Service service) throws Exception {
    ResourceKey key = new ResourceKey("services", service.metadata().namespace(), service.metadata().name());
    if (store.cache().view().get(key) != null) {
      return;
    }
    String what = "creating the " + service.metadata().name() + " Service";
    try {
      CoxswainNode.await(client.create(service), Duration.ofSeconds(30), what);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof ApiException api && api.code() == 422) {
        // Someone holds the address already: take any, clients read the Service's IP anyway.
        CoxswainNode.await(client.create(service.withSpec(service.spec().withClusterIP(null))), Duration.ofSeconds(30),
            what);
      } else if (!(e.getCause() instanceof ApiException api && api.code() == 409)) {
        throw e;
      }
    }
  }
}
