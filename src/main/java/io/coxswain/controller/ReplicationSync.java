package io.coxswain.controller;

import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.registry.Client;
import io.coxswain.registry.EventRecorder;
import io.coxswain.store.StoreClient;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One ReplicationController brought one step closer to its spec: the pure
 * {@link ReplicationReconciler}'s plan carried out as store writes (create from the template,
 * delete, adopt, release, status). An RC being deleted is left alone: its pods are the garbage
 * collector's (orphaned or deleted, as the deletion asked).
 */
final class ReplicationSync {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReplicationSync.class);

  private final Client client;

  /** Kubernetes' replication manager's events on the RC (what {@code kubectl describe rc} lists). */
  private final EventRecorder events;

  ReplicationSync(Client client, EventRecorder events) {
    this.client = client;
    this.events = events;
  }

  /** The writes for this RC given its candidate pods (controlled, and orphans of its namespace); they complete once this member's cache has them. */
  List<CompletableFuture<?>> sync(ReplicationController rc, List<Pod> candidates) {
    if (rc.metadata().deletionTimestamp() != null) {
      return List.of();
    }
    return act(rc, ReplicationReconciler.reconcile(rc, candidates));
  }

  private List<CompletableFuture<?>> act(ReplicationController rc, ReplicaPlan plan) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    String ns = rc.metadata().namespace();
    for (int i = 0; i < plan.create(); i++) {
      writes.add(createPod(rc));
    }
    for (Pod pod : plan.delete()) {
      ResourceKey key = new ResourceKey("pods", ns, pod.metadata().name());
      writes.add(client.delete(key, new Deletion.Options(null, "Background", pod.metadata().uid(), null))
          .whenComplete((deleted, failure) -> recordDelete(rc, pod, failure)).toCompletableFuture());
    }
    for (Pod pod : plan.adopt()) {
      ResourceKey key = new ResourceKey("pods", ns, pod.metadata().name());
      writes.add(client.update(key, Pod.class, current -> Owners.controllerUid(current) != null ? null
          : (Pod) Owners.adopt(current, rc)).toCompletableFuture());
    }
    for (Pod pod : plan.release()) {
      ResourceKey key = new ResourceKey("pods", ns, pod.metadata().name());
      writes.add(client.update(key, Pod.class, current -> (Pod) Owners.release(current, rc.metadata().uid()))
          .toCompletableFuture());
    }
    if (!plan.status().equals(rc.status())) {
      ResourceKey key = new ResourceKey("replicationcontrollers", ns, rc.metadata().name());
      writes.add(client.updateStatus(key, ReplicationController.class,
          current -> !current.metadata().uid().equals(rc.metadata().uid()) ? null : current.withStatus(plan.status()))
          .toCompletableFuture());
    }
    if (plan.changesPods()) {
      log.info("rc={}/{} create={} delete={} adopt={} release={}", ns, rc.metadata().name(),
          plan.create(), plan.delete().size(), plan.adopt().size(), plan.release().size());
    }
    return writes;
  }


  /** A pod from the template, named {@code RC-xxxxx}, owned by the RC; the registry defaults and validates it. */
  private CompletableFuture<?> createPod(ReplicationController rc) {
    var template = rc.spec().template();
    ObjectMeta meta = new ObjectMeta(null, rc.metadata().name() + "-", rc.metadata().namespace(), null, null, null,
        null, null, null, template.metadata().labels(), template.metadata().annotations(),
        List.of(Owners.controllerRef(rc)), null, null, null);
    return client.create(Pod.of(meta, template.spec())).whenComplete((created, failure) -> {
      // As Kubernetes' recorder, events go out beside the work and never hold it up.
      if (failure == null) {
        events.normal(rc, "SuccessfulCreate", "Created pod: " + created.metadata().name());
      } else {
        events.warning(rc, "FailedCreate", "Error creating: " + StoreClient.unwrap(failure).getMessage());
      }
    }).toCompletableFuture();
  }

  private void recordDelete(ReplicationController rc, Pod pod, Throwable failure) {
    if (failure == null) {
      events.normal(rc, "SuccessfulDelete", "Deleted pod: " + pod.metadata().name());
    } else if (StoreClient.unwrap(failure).code() != 404) {
      events.warning(rc, "FailedDelete", "Error deleting: " + StoreClient.unwrap(failure).getMessage());
    }
  }
}
