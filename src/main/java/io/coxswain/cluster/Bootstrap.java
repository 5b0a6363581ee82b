package io.coxswain.cluster;

import io.coxswain.api.ApiException;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Namespace;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.registry.Client;
import java.time.Duration;
import java.util.List;

/** What a new cluster starts with: the namespaces Kubernetes always has. */
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
}
