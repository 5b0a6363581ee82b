package io.coxswain.controller;

import io.coxswain.api.ApiResource;
import io.coxswain.api.ApiResources;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Defaulting;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.NamespaceCondition;
import io.coxswain.api.core.NamespaceSpec;
import io.coxswain.api.core.NamespaceStatus;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.controller.kit.Writes;
import io.coxswain.store.CacheView;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import io.coxswain.registry.Client;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' namespace controller (a cluster singleton on the {@link Controller} kit, keyed by
 * namespace name): empties every Terminating namespace — each object deleted as a client's
 * background delete would be, so pods on nodes stop gracefully and finalizers hold what they hold —
 * and removes the namespace once nothing is left in it. The API server only marks the namespace;
 * a deletion that a dying member started is finished by whichever member runs the controller next.
 * A namespace is queued when it changes and whenever an object in it goes away while it is
 * Terminating.
 */
public final class NamespaceController {
  private static final Logger log = LoggerFactory.getLogger(NamespaceController.class);
  /** A namespace whose objects are still stopping is looked at again this often, beside its events. */
  private static final Duration WAIT_FOR_CONTENTS = Duration.ofSeconds(5);

  private NamespaceController() {}

  public static Behavior<Controller.Command> create(WatchCache cache, Client client, Duration resync, Clock clock) {
    List<Informer<?, String>> informers = new ArrayList<>();
    informers.add(Informer.forObjects("namespaces", Namespace.class, n -> n.metadata().name()));
    for (ApiResource resource : ApiResources.all()) {
      if (resource.namespaced()) {
        informers.add(Informer.of(resource.name(), KubeObject.class, (before, after, view, enqueue) -> {
          String namespace = (after != null ? after : before).metadata().namespace();
          KubeObject owner = view.get(ResourceKey.clusterScoped("namespaces", namespace));
          if (owner != null && owner.metadata().deletionTimestamp() != null) {
            enqueue.accept(namespace);
          }
        }));
      }
    }
    return Controller.create(Controller.Settings.of("namespace", resync), cache, Controller.Reconciler.of(
        (String name, CacheView view) -> reconcile(client, name, view, clock),
        view -> view.list("namespaces", null, null, 0, o -> o.metadata().deletionTimestamp() != null).items()
            .stream().map(o -> o.metadata().name()).toList()), informers, clock);
  }

  static CompletionStage<Controller.Result> reconcile(Client client, String name, CacheView view, Clock clock) {
    KubeObject object = view.get(ResourceKey.clusterScoped("namespaces", name));
    if (!(object instanceof Namespace namespace) || namespace.metadata().deletionTimestamp() == null) {
      return Controller.Result.done();
    }
    ResourceKey key = ResourceKey.clusterScoped("namespaces", name);
    NamespaceCleanup cleanup = NamespaceCleanup.of(view, name);
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (ResourceKey content : cleanup.toDelete()) {
      writes.add(client.delete(content, Deletion.Options.DEFAULT).toCompletableFuture());
    }
    List<NamespaceCondition> previous = namespace.status() == null ? List.of() : namespace.status().conditions();
    List<NamespaceCondition> conditions = cleanup.conditions(previous, Defaulting.now(clock));
    if (!conditions.equals(previous)) {
      writes.add(client.updateStatus(key, Namespace.class, current -> current.withStatus(
          new NamespaceStatus(current.status() == null ? "Terminating" : current.status().phase(), conditions)))
          .toCompletableFuture());
    }
    List<String> specFinalizers = namespace.spec() == null ? List.of() : namespace.spec().finalizers();
    if (cleanup.empty() && specFinalizers.contains(KUBERNETES)) {
      // Empty: Kubernetes' own finalizer goes; with no other finalizer the namespace goes with it.
      writes.add(client.finalizeNamespace(name, current -> current.withSpec(new NamespaceSpec(
          current.spec().finalizers().stream().filter(f -> !KUBERNETES.equals(f)).toList())))
          .thenRun(() -> log.info("namespace={} emptied and finalized", name)).toCompletableFuture());
      return Writes.all(writes).thenApply(done -> Controller.Result.DONE);
    }
    if (cleanup.empty() && specFinalizers.isEmpty() && namespace.metadata().finalizersOrEmpty().isEmpty()) {
      // A namespace from before spec finalizers were kept.
      writes.add(client.finishDeletion(key, namespace.metadata().uid())
          .thenRun(() -> log.info("namespace={} emptied and removed", name)).toCompletableFuture());
      return Writes.all(writes).thenApply(done -> Controller.Result.DONE);
    }
    return Writes.all(writes).thenApply(done -> Controller.Result.requeueAfter(WAIT_FOR_CONTENTS));
  }

  private static final String KUBERNETES = "kubernetes";
}
