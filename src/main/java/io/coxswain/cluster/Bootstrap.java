package io.coxswain.cluster;

import io.coxswain.api.ApiException;
import io.coxswain.api.Defaulting;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Namespace;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/** What a new cluster starts with: the namespaces Kubernetes always has. */
final class Bootstrap {
  static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system");

  private Bootstrap() {}

  static void ensureSystemNamespaces(StoreClient store, Clock clock) throws Exception {
    Random random = new Random();
    for (String name : SYSTEM_NAMESPACES) {
      ResourceKey key = ResourceKey.clusterScoped("namespaces", name);
      if (store.cache().view().get(key) != null) {
        continue;
      }
      Namespace namespace = (Namespace) Defaulting.applyCreateDefaults(
          new Namespace("v1", "Namespace", ObjectMeta.named(null, name), null, null), null, clock, random);
      try {
        CoxswainNode.await(store.create(key, namespace), Duration.ofSeconds(30), "creating namespace " + name);
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof ApiException api && api.code() == 409)) {
          throw e;
        }
      }
    }
  }
}
