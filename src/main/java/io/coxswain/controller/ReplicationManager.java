package io.coxswain.controller;

import io.coxswain.api.ApiException;
import io.coxswain.api.Defaulting;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.validation.Validation;
import io.coxswain.store.CacheView;
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
  /** Per entity: the RC's revision when it was last told to reconcile, and when. */
  private final Map<String, long[]> told = new HashMap<>();
  /** Per namespace: how many pods it had at the last pass, and their newest revision. */
  private Map<String, List<Long>> podsSeen = Map.of();

  /** A settled RC is reconciled anyway this often (Kubernetes' informer resync). */
  static final Duration RESYNC = Duration.ofSeconds(10);

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
    Map<String, List<Pod>> podsByNamespace = new HashMap<>();
    Map<String, Long> newestPod = new HashMap<>();
    for (KubeObject object : view.list("pods", null, null, 0, o -> true).items()) {
      podsByNamespace.computeIfAbsent(object.metadata().namespace(), n -> new ArrayList<>()).add((Pod) object);
      newestPod.merge(object.metadata().namespace(), revision(object), Math::max);
    }
    // A namespace's pods changed when their number or their newest revision did (a deleted pod
    // leaves no object behind, but the count drops).
    Map<String, List<Long>> seen = new HashMap<>();
    podsByNamespace.forEach((ns, pods) -> seen.put(ns, List.of((long) pods.size(), newestPod.get(ns))));
    Set<String> podsChanged = new HashSet<>(seen.keySet());
    podsChanged.addAll(podsSeen.keySet());
    podsChanged.removeIf(ns -> java.util.Objects.equals(seen.get(ns), podsSeen.get(ns)));
    podsSeen = seen;
    Set<String> controllers = new HashSet<>();
    long now = clock.millis();
    Set<String> live = new HashSet<>();
    for (KubeObject object : view.list("replicationcontrollers", null, null, 0, o -> true).items()) {
      controllers.add(object.metadata().uid());
      String id = ReplicationControllerEntity.entityId((ReplicationController) object);
      live.add(id);
      long[] last = told.get(id);
      // Tell an entity only when its RC or a pod of its namespace changed since, or to resync.
      if (last == null || revision(object) != last[0] || podsChanged.contains(object.metadata().namespace())
          || now - last[1] >= RESYNC.toMillis()) {
        told.put(id, new long[] {revision(object), now});
        dispatch.reconcile(id, view.revision());
      }
    }
    told.keySet().retainAll(live);
    return collectOrphanedDependents(podsByNamespace, controllers);
  }

  private static long revision(KubeObject object) {
    String rv = object.metadata().resourceVersion();
    return rv == null ? 0 : Long.parseLong(rv);
  }

  /** Pods whose controlling ReplicationController no longer exists are deleted (background cascade). */
  private List<CompletableFuture<?>> collectOrphanedDependents(Map<String, List<Pod>> pods, Set<String> controllers) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    pods.values().forEach(list -> list.forEach(pod -> {
      String owner = Owners.controllerUid(pod);
      boolean ownedByRc = pod.metadata().ownerReferences() != null && pod.metadata().ownerReferences().stream()
          .anyMatch(r -> "ReplicationController".equals(r.kind()) && Boolean.TRUE.equals(r.controller()));
      if (owner != null && ownedByRc && !controllers.contains(owner) && pod.metadata().deletionTimestamp() == null) {
        ResourceKey key = new ResourceKey("pods", pod.metadata().namespace(), pod.metadata().name());
        writes.add(write(key, current -> current == null || !owner.equals(Owners.controllerUid(current)) ? null
            : Deletion.decide(key, current, Deletion.Options.DEFAULT, clock)));
      }
    }));
    return writes;
  }

  private CompletableFuture<?> write(ResourceKey key, java.util.function.Function<KubeObject, StoreOp> decide) {
    return store.mutate(key, decide).toCompletableFuture().exceptionally(failure -> {
      log.warn("write to {} failed: {}", key, StoreClient.unwrap(failure).getMessage());
      return null;
    });
  }
}
