package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import io.coxswain.store.CacheView;
import io.coxswain.store.ControllerLoop;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreOp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The node lifecycle controller (a cluster singleton): marks nodes whose heartbeats stopped as
 * Unknown and unreachable, evicts their pods after the eviction timeout (their controllers then
 * replace them on healthy nodes), and lifts the taint when a node is Ready again.
 */
public final class NodeLifecycle {
  /** Timings: heartbeat silence before Unknown, and Unknown before eviction. */
  public record Settings(Duration period, Duration monitorGrace, Duration evictionTimeout) {}

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NodeLifecycle.class);

  private NodeLifecycle() {}

  public static Behavior<Object> create(StoreClient store, Settings settings, Clock clock) {
    return ControllerLoop.create("node-lifecycle", store, settings.period(), view -> pass(store, view, settings, clock));
  }

  private static List<CompletableFuture<?>> pass(StoreClient store, CacheView view, Settings settings, Clock clock) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (KubeObject object : view.list("nodes", null, null, 0, o -> true).items()) {
      Node node = (Node) object;
      ResourceKey key = ResourceKey.clusterScoped("nodes", node.metadata().name());
      if (NodeHealth.markedUnreachable(node, settings.monitorGrace(), clock) != null) {
        log.info("node={} stopped posting status; marking it Unknown", node.metadata().name());
        writes.add(update(store, key, current -> NodeHealth.markedUnreachable((Node) current, settings.monitorGrace(),
            clock)));
      } else if (NodeHealth.recovered(node) != null) {
        log.info("node={} is Ready again", node.metadata().name());
        writes.add(update(store, key, current -> NodeHealth.recovered((Node) current)));
      } else if (NodeHealth.shouldEvict(node, settings.evictionTimeout(), clock)) {
        writes.addAll(evictPods(store, view, node.metadata().name(), clock));
      }
    }
    return writes;
  }

  private static CompletableFuture<?> update(StoreClient store, ResourceKey key,
      java.util.function.UnaryOperator<KubeObject> change) {
    return store.mutate(key, current -> {
      KubeObject next = current == null ? null : change.apply(current);
      return next == null ? null : new StoreOp.Update(key, next, current.metadata().resourceVersion());
    }).toCompletableFuture().exceptionally(failure -> null);
  }

  /** Deletes (gracefully) every pod still bound to the node; a returning agent finishes the job. */
  private static List<CompletableFuture<?>> evictPods(StoreClient store, CacheView view, String node, Clock clock) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (KubeObject object : view.list("pods", null, null, 0,
        o -> node.equals(((Pod) o).spec().nodeName()) && o.metadata().deletionTimestamp() == null).items()) {
      ResourceKey key = new ResourceKey("pods", object.metadata().namespace(), object.metadata().name());
      log.info("pod={}/{} evicted from unreachable node={}", key.namespace(), key.name(), node);
      writes.add(store.mutate(key, current -> current == null ? null
          : Deletion.decide(key, current, Deletion.Options.DEFAULT, clock)).toCompletableFuture()
          .exceptionally(failure -> null));
    }
    return writes;
  }
}
