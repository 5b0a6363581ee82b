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
import io.coxswain.store.WriteFailures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The node lifecycle controller (a cluster singleton): marks nodes whose heartbeats stopped as
 * Unknown and unreachable, evicts their pods after the eviction timeout (their controllers then
 * replace them on healthy nodes), and lifts the taint when a node is Ready again.
 */
public final class NodeLifecycle {
  /** Timings: heartbeat silence before Unknown, and Unknown before eviction. */
  public record Settings(Duration period, Duration monitorGrace, Duration evictionTimeout) {}

  /** Deletion without a grace period, for pods whose node's member is gone. */
  private static final Deletion.Options FORCE = new Deletion.Options(0L, null, null, null);

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NodeLifecycle.class);

  private NodeLifecycle() {}

  /** Heartbeats alone decide (no cluster membership to consult: simulations). */
  public static Behavior<Object> create(StoreClient store, Settings settings, Clock clock) {
    return create(store, settings, clock, Set::of);
  }

  /**
   * {@code liveMembers} gives the addresses of the cluster's current members: a node whose member
   * is not among them is marked NotReady and its pods are evicted at once, without waiting for
   * heartbeats to go stale (Pekko's failure detector and downing already waited).
   */
  public static Behavior<Object> create(StoreClient store, Settings settings, Clock clock,
      Supplier<Set<String>> liveMembers) {
    return ControllerLoop.create("node-lifecycle", store, settings.period(),
        view -> pass(store, view, settings, clock, liveMembers.get()));
  }

  private static List<CompletableFuture<?>> pass(StoreClient store, CacheView view, Settings settings, Clock clock,
      Set<String> liveMembers) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    List<KubeObject> nodes = view.list("nodes", null, null, 0, o -> true).items();
    boolean disrupted = NodeHealth.clusterDisrupted(nodes.stream().map(o -> (Node) o).toList(), liveMembers);
    for (KubeObject object : nodes) {
      Node node = (Node) object;
      ResourceKey key = ResourceKey.clusterScoped("nodes", node.metadata().name());
      if (disrupted && NodeHealth.memberGone(node, liveMembers)) {
        // Most nodes' members are missing: a cluster coming back up, not a node failure. Wait.
        continue;
      }
      if (NodeHealth.memberGone(node, liveMembers)) {
        if (NodeHealth.markedMemberGone(node, clock) != null) {
          log.info("node={}: its member left the cluster; marking it NotReady and evicting its pods",
              node.metadata().name());
          writes.add(update(store, key, current -> NodeHealth.memberGone((Node) current, liveMembers)
              ? NodeHealth.markedMemberGone((Node) current, clock) : null));
        }
        // Nothing is left to stop them gracefully: the member is gone (a restart is a new member,
        // and its agent removes containers no pod claims).
        writes.addAll(evictPods(store, view, node.metadata().name(), FORCE, clock));
      } else if (NodeHealth.markedUnreachable(node, settings.monitorGrace(), clock) != null) {
        log.info("node={} stopped posting status; marking it Unknown", node.metadata().name());
        writes.add(update(store, key, current -> NodeHealth.markedUnreachable((Node) current, settings.monitorGrace(),
            clock)));
      } else if (NodeHealth.recovered(node) != null) {
        log.info("node={} is Ready again", node.metadata().name());
        writes.add(update(store, key, current -> NodeHealth.recovered((Node) current)));
      } else if (NodeHealth.shouldEvict(node, settings.evictionTimeout(), clock)) {
        writes.addAll(evictPods(store, view, node.metadata().name(), Deletion.Options.DEFAULT, clock));
      }
    }
    return writes;
  }

  private static CompletableFuture<?> update(StoreClient store, ResourceKey key,
      java.util.function.UnaryOperator<KubeObject> change) {
    return WriteFailures.logged(store.mutate(key, current -> {
      KubeObject next = current == null ? null : change.apply(current);
      return next == null ? null : new StoreOp.Update(key, next, current.metadata().resourceVersion());
    }), log, "update node status", key);
  }

  /** Deletes (gracefully) every pod still bound to the node; a returning agent finishes the job. */
  private static List<CompletableFuture<?>> evictPods(StoreClient store, CacheView view, String node,
      Deletion.Options options, Clock clock) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    boolean force = options.gracePeriodSeconds() != null && options.gracePeriodSeconds() == 0;
    for (KubeObject object : view.list("pods", null, null, 0,
        o -> node.equals(((Pod) o).spec().nodeName()) && (force || o.metadata().deletionTimestamp() == null)).items()) {
      ResourceKey key = new ResourceKey("pods", object.metadata().namespace(), object.metadata().name());
      log.info("pod={}/{} evicted from unreachable node={}", key.namespace(), key.name(), node);
      writes.add(WriteFailures.logged(store.mutate(key, current -> current == null ? null
          : Deletion.decide(key, current, options, clock)), log, "evict pod", key));
    }
    return writes;
  }
}
