package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.store.CacheView;
import io.coxswain.store.ControllerIndex;
import io.coxswain.store.ControllerLoop;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreOp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Keeps every ReplicationController's entity busy and collects orphans. Each pass (a
 * {@link ControllerLoop}) tells the sharded {@link ReplicationControllerEntity} of every RC to
 * reconcile — sharding spreads the entities over the members, and one that was on a lost member
 * is started again elsewhere by the next pass — and deletes the pods whose controlling RC no
 * longer exists (background cascade).
 */
public final class ReplicationManager {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReplicationManager.class);

  /** Tells the entity with this id to reconcile once its cache has reached {@code revision}. */
  @FunctionalInterface
  public interface Dispatch {
    void reconcile(String entityId, long revision);
  }

  private final StoreClient store;
  private final Clock clock;
  private final Dispatch dispatch;
  /** Per entity: what it last saw (RC revision, its pods' and its namespace orphans' change marks), and when. */
  private final Map<String, Told> told = new HashMap<>();

  /** A settled RC is reconciled anyway this often (Kubernetes' informer resync). */
  static final Duration RESYNC = Duration.ofSeconds(10);

  private record Told(List<Long> seen, long atMillis) {}

  private ReplicationManager(StoreClient store, Clock clock, Dispatch dispatch) {
    this.store = store;
    this.clock = clock;
    this.dispatch = dispatch;
  }

  public static Behavior<Object> create(StoreClient store, Duration period, Clock clock, Dispatch dispatch) {
    ReplicationManager manager = new ReplicationManager(store, clock, dispatch);
    return ControllerLoop.create("replication", store, period, manager::pass);
  }

  private List<CompletableFuture<?>> pass(CacheView view) {
    Set<String> controllers = new HashSet<>();
    long now = clock.millis();
    Set<String> live = new HashSet<>();
    for (KubeObject object : view.list("replicationcontrollers", null, null, 0, o -> true).items()) {
      String uid = object.metadata().uid();
      String namespace = object.metadata().namespace();
      controllers.add(uid);
      String id = ReplicationControllerEntity.entityId((ReplicationController) object);
      live.add(id);
      // What this RC would look at: itself, the pods it controls, the orphans it could adopt. The
      // index marks each group with the revision of its last change, so nothing is read here.
      ControllerIndex.Group owned = view.controlledPods(namespace, uid);
      ControllerIndex.Group orphans = view.controlledPods(namespace, null);
      List<Long> seen = List.of(revision(object), owned.changedAt(), (long) owned.size(), orphans.changedAt(),
          (long) orphans.size());
      Told last = told.get(id);
      if (last == null || !last.seen().equals(seen) || now - last.atMillis() >= RESYNC.toMillis()) {
        told.put(id, new Told(seen, now));
        dispatch.reconcile(id, view.revision());
      }
    }
    told.keySet().retainAll(live);
    return collectOrphanedDependents(view, controllers);
  }

  private static long revision(KubeObject object) {
    String rv = object.metadata().resourceVersion();
    return rv == null ? 0 : Long.parseLong(rv);
  }

  /** Pods whose controlling ReplicationController no longer exists are deleted (background cascade). */
  private List<CompletableFuture<?>> collectOrphanedDependents(CacheView view, Set<String> controllers) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (ControllerIndex.Owner owner : view.podControllers()) {
      if (controllers.contains(owner.controllerUid())) {
        continue;
      }
      for (KubeObject pod : view.controlledPods(owner.namespace(), owner.controllerUid()).items()) {
        boolean ownedByRc = pod.metadata().ownerReferences().stream()
            .anyMatch(r -> "ReplicationController".equals(r.kind()) && Boolean.TRUE.equals(r.controller()));
        if (ownedByRc && pod.metadata().deletionTimestamp() == null) {
          String uid = owner.controllerUid();
          ResourceKey key = new ResourceKey("pods", pod.metadata().namespace(), pod.metadata().name());
          writes.add(write(key, current -> current == null || !uid.equals(Owners.controllerUid(current)) ? null
              : Deletion.decide(key, current, Deletion.Options.DEFAULT, clock)));
        }
      }
    }
    return writes;
  }

  private CompletableFuture<?> write(ResourceKey key, java.util.function.Function<KubeObject, StoreOp> decide) {
    return store.mutate(key, decide).toCompletableFuture().exceptionally(failure -> {
      log.warn("write to {} failed: {}", key, StoreClient.unwrap(failure).getMessage());
      return null;
    });
  }
}
