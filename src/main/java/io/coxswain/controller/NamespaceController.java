package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.store.CacheView;
import io.coxswain.store.ControllerLoop;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreOp;
import io.coxswain.store.WriteFailures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' namespace controller (a cluster singleton): empties every Terminating namespace —
 * each object deleted as a client's delete would be, so pods on nodes stop gracefully and
 * finalizers hold what they hold — and removes the namespace once nothing is left in it. The API
 * server only marks the namespace; because the work is level-triggered from the cache, a deletion
 * that a dying member started is finished by whichever member runs the controller next.
 */
public final class NamespaceController {
  private static final Logger log = LoggerFactory.getLogger(NamespaceController.class);

  private NamespaceController() {}

  public static Behavior<Object> create(StoreClient store, Duration period, Clock clock) {
    return ControllerLoop.create("namespace", store, period, view -> pass(store, view, clock));
  }

  static List<CompletableFuture<?>> pass(StoreClient store, CacheView view, Clock clock) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (KubeObject namespace : view.list("namespaces", null, null, 0,
        o -> o.metadata().deletionTimestamp() != null).items()) {
      String name = namespace.metadata().name();
      NamespaceCleanup cleanup = NamespaceCleanup.of(view, name);
      for (ResourceKey key : cleanup.toDelete()) {
        writes.add(WriteFailures.logged(store.mutate(key, current -> current == null ? null
                : Deletion.decide(key, current, Deletion.Options.DEFAULT, clock)),
            log, "delete from terminating namespace", key));
      }
      if (cleanup.empty() && namespace.metadata().finalizersOrEmpty().isEmpty()) {
        ResourceKey key = ResourceKey.clusterScoped("namespaces", name);
        writes.add(WriteFailures.logged(
            store.write(new StoreOp.Delete(key, namespace.metadata().resourceVersion(), namespace.metadata().uid()))
                .thenRun(() -> log.info("namespace={} emptied and removed", name)),
            log, "remove emptied namespace", key));
      }
    }
    return writes;
  }
}
