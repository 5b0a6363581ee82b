package io.coxswain.controller;

import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Pod;
import io.coxswain.api.KubeObject;
import io.coxswain.api.apps.ReplicaSet;
import io.coxswain.api.apps.ReplicaSetStatus;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.ReplicationControllerStatus;
import java.time.Clock;
import io.coxswain.registry.Client;
import io.coxswain.registry.EventRecorder;
import io.coxswain.store.StoreClient;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One ReplicationController or ReplicaSet brought one step closer to its spec: the pure
 * {@link ReplicationReconciler}'s plan carried out as store writes (create from the template,
 * delete, adopt, release, status). An owner being deleted is left alone: its pods are the garbage
 * collector's (orphaned or deleted, as the deletion asked).
 */
final class ReplicationSync {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReplicationSync.class);

  private final Client client;

  /** The replica controllers' events on the owner (what {@code kubectl describe rc|rs} lists). */
  private final EventRecorder events;
  private final Clock clock;

  ReplicationSync(Client client, EventRecorder events, Clock clock) {
    this.client = client;
    this.events = events;
    this.clock = clock;
  }

  /** The outcome of one sync: its writes (complete once this member's cache has them) and when to look again. */
  record Outcome(List<CompletableFuture<?>> writes, java.time.Duration recheckAfter) {}

  /** The writes for this owner given its candidate pods (controlled, and orphans of its namespace). */
  Outcome sync(ReplicaOwner owner, List<Pod> candidates) {
    if (owner.object().metadata().deletionTimestamp() != null) {
      return new Outcome(List.of(), null);
    }
    ReplicaPlan plan = ReplicationReconciler.reconcile(owner, candidates, clock.instant());
    return new Outcome(act(owner, plan), plan.recheckAfter());
  }

  private List<CompletableFuture<?>> act(ReplicaOwner owner, ReplicaPlan plan) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    String ns = owner.namespace();
    KubeObject object = owner.object();
    for (int i = 0; i < plan.create(); i++) {
      writes.add(createPod(owner));
    }
    for (Pod pod : plan.delete()) {
      ResourceKey key = new ResourceKey("pods", ns, pod.metadata().name());
      writes.add(client.delete(key, new Deletion.Options(null, "Background", pod.metadata().uid(), null))
          .whenComplete((deleted, failure) -> recordDelete(object, pod, failure)).toCompletableFuture());
    }
    for (Pod pod : plan.adopt()) {
      ResourceKey key = new ResourceKey("pods", ns, pod.metadata().name());
      writes.add(client.update(key, Pod.class, current -> Owners.controllerUid(current) != null ? null
          : (Pod) Owners.adopt(current, object)).toCompletableFuture());
    }
    for (Pod pod : plan.release()) {
      ResourceKey key = new ResourceKey("pods", ns, pod.metadata().name());
      writes.add(client.update(key, Pod.class, current -> (Pod) Owners.release(current, owner.uid()))
          .toCompletableFuture());
    }
    if (plan.rolloutDone() && object instanceof ReplicationController rc) {
      // Every pod is of the new template: the rolling update is over.
      writes.add(client.update(new ResourceKey("replicationcontrollers", ns, owner.name()), ReplicationController.class,
          current -> {
            if (!current.metadata().uid().equals(rc.metadata().uid())
                || !current.metadata().annotationsOrEmpty().containsKey(RollingUpdateSpec.ANNOTATION)) {
              return null;
            }
            java.util.Map<String, String> annotations = new java.util.LinkedHashMap<>(
                current.metadata().annotationsOrEmpty());
            annotations.remove(RollingUpdateSpec.ANNOTATION);
            return current.withMetadata(current.metadata().withAnnotations(annotations));
          }).whenComplete((done, failure) -> {
            if (failure == null && done != null) {
              events.normal(object, "RollingUpdateComplete", "Every pod runs the new template");
            }
          }).toCompletableFuture());
    }
    CompletableFuture<?> status = writeStatus(owner, plan.counts());
    if (status != null) {
      writes.add(status);
    }
    if (plan.changesPods()) {
      log.info("{}={}/{} create={} delete={} adopt={} release={}", object.kind(), ns, owner.name(),
          plan.create(), plan.delete().size(), plan.adopt().size(), plan.release().size());
    }
    return writes;
  }

  /** The owner's status with these counts, when it differs from what is stored; null otherwise. */
  private CompletableFuture<?> writeStatus(ReplicaOwner owner, ReplicationReconciler.Counts counts) {
    ResourceKey key = new ResourceKey(owner.resource(), owner.namespace(), owner.name());
    Long generation = owner.object().metadata().generation();
    if (owner.object() instanceof ReplicationController rc) {
      ReplicationControllerStatus next = new ReplicationControllerStatus(counts.replicas(), counts.fullyLabeled(),
          counts.ready(), counts.available(), generation, rc.status() == null ? null : rc.status().conditions());
      return next.equals(rc.status()) ? null : client.updateStatus(key, ReplicationController.class,
          current -> !current.metadata().uid().equals(rc.metadata().uid()) ? null : current.withStatus(next))
          .toCompletableFuture();
    }
    ReplicaSet rs = (ReplicaSet) owner.object();
    ReplicaSetStatus next = new ReplicaSetStatus(counts.replicas(), counts.fullyLabeled(), counts.ready(),
        counts.available(), generation, rs.status() == null ? null : rs.status().conditions());
    return next.equals(rs.status()) ? null : client.updateStatus(key, ReplicaSet.class,
        current -> !current.metadata().uid().equals(rs.metadata().uid()) ? null : current.withStatus(next))
        .toCompletableFuture();
  }

  /** A pod from the template, named {@code OWNER-xxxxx}, controlled by the owner; the registry defaults and validates it. */
  private CompletableFuture<?> createPod(ReplicaOwner owner) {
    var template = owner.template();
    KubeObject object = owner.object();
    java.util.Map<String, String> annotations = template.metadata().annotations();
    if (object instanceof ReplicationController) {
      // Which template the pod was made from, so a rolling update can tell new pods from old ones.
      annotations = new java.util.LinkedHashMap<>(template.metadata().annotationsOrEmpty());
      annotations.put(RollingUpdateSpec.POD_HASH, PodTemplateHash.of(template, null));
    }
    ObjectMeta meta = new ObjectMeta(null, owner.name() + "-", owner.namespace(), null, null, null,
        null, null, null, template.metadata().labels(), annotations,
        List.of(Owners.controllerRef(object)), null, null, null);
    return client.create(Pod.of(meta, template.spec())).whenComplete((created, failure) -> {
      // As Kubernetes' recorder, events go out beside the work and never hold it up.
      if (failure == null) {
        events.normal(object, "SuccessfulCreate", "Created pod: " + created.metadata().name());
      } else {
        events.warning(object, "FailedCreate", "Error creating: " + StoreClient.unwrap(failure).getMessage());
      }
    }).toCompletableFuture();
  }

  private void recordDelete(KubeObject owner, Pod pod, Throwable failure) {
    if (failure == null) {
      events.normal(owner, "SuccessfulDelete", "Deleted pod: " + pod.metadata().name());
    } else if (StoreClient.unwrap(failure).code() != 404) {
      events.warning(owner, "FailedDelete", "Error deleting: " + StoreClient.unwrap(failure).getMessage());
    }
  }
}
