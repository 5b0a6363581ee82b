package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.ServiceAccount;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.registry.Client;
import io.coxswain.store.CacheView;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Kubernetes' service account controller (a cluster singleton on the {@link Controller} kit, keyed
 * by namespace): every namespace that is not being deleted has a ServiceAccount named
 * {@code default}, created with the namespace and again if it is deleted.
 */
public final class ServiceAccountsController {
  static final String DEFAULT = "default";

  private ServiceAccountsController() {}

  public static Behavior<Controller.Command> create(WatchCache cache, Client client, Duration resync, Clock clock) {
    return Controller.create(Controller.Settings.of("serviceaccounts", resync), cache, Controller.Reconciler.of(
        (String namespace, CacheView view) -> reconcile(client, namespace, view),
        view -> view.list("namespaces", null, null, 0, o -> o.metadata().deletionTimestamp() == null).items()
            .stream().map(o -> o.metadata().name()).toList()),
        List.of(
            Informer.forObjects("namespaces", Namespace.class, n -> n.metadata().name()),
            Informer.of("serviceaccounts", ServiceAccount.class, (before, after, view, enqueue) -> {
              if (after == null && DEFAULT.equals(before.metadata().name())) {
                enqueue.accept(before.metadata().namespace());
              }
            })), clock);
  }

  static CompletionStage<Controller.Result> reconcile(Client client, String namespace, CacheView view) {
    KubeObject ns = view.get(ResourceKey.clusterScoped("namespaces", namespace));
    if (ns == null || ns.metadata().deletionTimestamp() != null
        || view.get(new ResourceKey("serviceaccounts", namespace, DEFAULT)) != null) {
      return Controller.Result.done();
    }
    return client.create(ServiceAccount.named(namespace, DEFAULT)).thenApply(created -> Controller.Result.DONE);
  }
}
