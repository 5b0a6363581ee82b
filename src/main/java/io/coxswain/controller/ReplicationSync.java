package io.coxswain.controller;

import io.coxswain.api.ApiException;
import io.coxswain.api.Defaulting;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.validation.Validation;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreOp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * One ReplicationController brought one step closer to its spec: the pure
 * {@link ReplicationReconciler}'s plan carried out as store writes (create from the template,
 * delete, adopt, release, status). An RC being deleted is left alone: its pods are the garbage
 * collector's (orphaned or deleted, as the deletion asked).
 */
final class ReplicationSync {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReplicationSync.class);

  private final StoreClient store;
  private final Clock clock;
  private final Random random = new Random();

  ReplicationSync(StoreClient store, Clock clock) {
    this.store = store;
    this.clock = clock;
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
      writes.add(write(key, current -> current == null ? null : Deletion.decide(key, current, Deletion.Options.DEFAULT,
          clock)));
    }
    for (Pod pod : plan.adopt()) {
      ResourceKey key = new ResourceKey("pods", ns, pod.metadata().name());
      writes.add(write(key, current -> current == null || Owners.controllerUid(current) != null ? null
          : new StoreOp.Update(key, Owners.adopt(current, rc), current.metadata().resourceVersion())));
    }
    for (Pod pod : plan.release()) {
      ResourceKey key = new ResourceKey("pods", ns, pod.metadata().name());
      writes.add(write(key, current -> current == null ? null
          : new StoreOp.Update(key, Owners.release(current, rc.metadata().uid()), current.metadata().resourceVersion())));
    }
    if (!plan.status().equals(rc.status())) {
      ResourceKey key = new ResourceKey("replicationcontrollers", ns, rc.metadata().name());
      writes.add(write(key, current -> current == null || !current.metadata().uid().equals(rc.metadata().uid()) ? null
          : new StoreOp.Update(key, ((ReplicationController) current).withStatus(plan.status()),
              current.metadata().resourceVersion())));
    }
    if (plan.changesPods()) {
      log.info("rc={}/{} create={} delete={} adopt={} release={}", ns, rc.metadata().name(),
          plan.create(), plan.delete().size(), plan.adopt().size(), plan.release().size());
    }
    return writes;
  }

  private CompletableFuture<?> write(ResourceKey key, java.util.function.Function<KubeObject, StoreOp> decide) {
    return store.mutate(key, decide).toCompletableFuture();
  }

  /** A pod from the template, named {@code RC-xxxxx}, owned by the RC. */
  private CompletableFuture<?> createPod(ReplicationController rc) {
    var template = rc.spec().template();
    ObjectMeta meta = new ObjectMeta(null, rc.metadata().name() + "-", rc.metadata().namespace(), null, null, null,
        null, null, null, template.metadata().labels(), template.metadata().annotations(),
        List.of(Owners.controllerRef(rc)), null);
    Pod pod = (Pod) Defaulting.applyCreateDefaults(Pod.of(meta, template.spec()), rc.metadata().namespace(), clock,
        random);
    var causes = Validation.validateCreate(pod);
    if (!causes.isEmpty()) {
      return CompletableFuture.failedFuture(ApiException.invalid("Pod", pod.metadata().name(), causes));
    }
    ResourceKey key = new ResourceKey("pods", pod.metadata().namespace(), pod.metadata().name());
    return store.create(key, pod).toCompletableFuture();
  }
}
