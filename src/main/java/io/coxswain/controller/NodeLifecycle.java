package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.coordination.Lease;
import io.coxswain.api.core.Node;
import io.coxswain.node.NodeLeases;
import io.coxswain.api.core.NodeCondition;
import io.coxswain.api.core.Pod;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.controller.kit.Writes;
import io.coxswain.store.CacheView;
import io.coxswain.store.Deletion;
import io.coxswain.store.Indexes;
import io.coxswain.store.ResourceKey;
import io.coxswain.registry.Client;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The node lifecycle controller (a cluster singleton on the {@link Controller} kit, keyed by node
 * name): marks nodes whose heartbeats stopped as Unknown and unreachable, evicts their pods after
 * the eviction timeout (their controllers then replace them on healthy nodes), and lifts the taint
 * when a node is Ready again. A node is looked at when it changes and again when its next deadline
 * (heartbeat gone stale, eviction due) comes; a change in cluster membership resyncs every node.
 */
public final class NodeLifecycle {
  /** Timings: how often a node with pods left to evict is looked at, heartbeat silence before Unknown, and Unknown before eviction. */
  public record Settings(Duration period, Duration monitorGrace, Duration evictionTimeout) {}

  /** Deletion without a grace period, for pods whose node's member is gone. */
  private static final Deletion.Options FORCE = new Deletion.Options(0L, null, null, null);

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(NodeLifecycle.class);

  private final Client client;
  private final Settings settings;
  private final Clock clock;
  private final Supplier<Set<String>> liveMembers;

  private NodeLifecycle(Client client, Settings settings, Clock clock, Supplier<Set<String>> liveMembers) {
    this.client = client;
    this.settings = settings;
    this.clock = clock;
    this.liveMembers = liveMembers;
  }

  /** Heartbeats alone decide (no cluster membership to consult: simulations). */
  public static Behavior<Controller.Command> create(WatchCache cache, Client client, Settings settings, Clock clock) {
    return create(cache, client, settings, clock, Set::of);
  }

  /**
   * {@code liveMembers} gives the addresses of the cluster's current members: a node whose member
   * is not among them is marked NotReady and its pods are evicted at once, without waiting for
   * heartbeats to go stale (Pekko's failure detector and downing already waited). Whoever runs
   * this sends {@link Controller.Resync} when membership changes.
   */
  public static Behavior<Controller.Command> create(WatchCache cache, Client client, Settings settings, Clock clock,
      Supplier<Set<String>> liveMembers) {
    NodeLifecycle lifecycle = new NodeLifecycle(client, settings, clock, liveMembers);
    return Controller.create(Controller.Settings.of("node-lifecycle", Duration.ofMinutes(5)), cache,
        Controller.Reconciler.of(lifecycle::reconcile,
            view -> view.list("nodes", null, null, 0, o -> true).items().stream().map(o -> o.metadata().name())
                .toList()), List.of(
            Informer.forObjects("nodes", Node.class, n -> n.metadata().name()),
            // A pod bound to a node that is not Ready: it may be one to evict.
            Informer.of("pods", Pod.class, (before, after, view, enqueue) -> {
              String node = after == null ? null : after.spec().nodeName();
              if (node != null && !node.isEmpty() && !ready(view.get(ResourceKey.clusterScoped("nodes", node)))) {
                enqueue.accept(node);
              }
            })), clock);
  }

  private static boolean ready(KubeObject node) {
    NodeCondition ready = node instanceof Node n && n.status() != null ? n.status().condition("Ready") : null;
    return ready == null || "True".equals(ready.status());
  }

  private CompletionStage<Controller.Result> reconcile(String name, CacheView view) {
    Node node = (Node) view.get(ResourceKey.clusterScoped("nodes", name));
    if (node == null) {
      return Controller.Result.done();
    }
    ResourceKey key = ResourceKey.clusterScoped("nodes", name);
    Set<String> live = liveMembers.get();
    List<CompletableFuture<?>> writes = new ArrayList<>();
    Instant leaseRenewed = NodeLeases.renewTime(
        view.get(new ResourceKey("leases", Lease.NODE_LEASE_NAMESPACE, name)) instanceof Lease l ? l : null);
    Duration next = NodeHealth.untilNextDeadline(node, leaseRenewed, settings.monitorGrace(),
        settings.evictionTimeout(), clock);
    if (NodeHealth.memberGone(node, live)) {
      List<Node> nodes = view.list("nodes", null, null, 0, o -> true).items().stream().map(o -> (Node) o).toList();
      if (NodeHealth.clusterDisrupted(nodes, live)) {
        // Most nodes' members are missing: a cluster coming back up, not a node failure. Wait;
        // the next membership change resyncs.
        return Controller.Result.done();
      }
      if (NodeHealth.markedMemberGone(node, clock) != null) {
        log.info("node={}: its member left the cluster; marking it NotReady and evicting its pods", name);
        writes.add(update(key, current -> NodeHealth.memberGone(current, live)
            ? NodeHealth.markedMemberGone(current, clock) : null));
      }
      // Nothing is left to stop them gracefully: the member is gone (a restart is a new member,
      // and its agent removes containers no pod claims).
      writes.addAll(evictPods(view, name, FORCE));
      next = null;
    } else if (NodeHealth.markedUnreachable(node, leaseRenewed, settings.monitorGrace(), clock) != null) {
      log.info("node={} stopped posting status and renewing its lease; marking it Unknown", name);
      writes.add(update(key, current -> NodeHealth.markedUnreachable(current, leaseRenewed, settings.monitorGrace(),
          clock)));
    } else if (NodeHealth.recovered(node) != null) {
      log.info("node={} is Ready again", name);
      writes.add(update(key, NodeHealth::recovered));
    } else if (NodeHealth.shouldEvict(node, settings.evictionTimeout(), clock)) {
      writes.addAll(evictPods(view, name, Deletion.Options.DEFAULT));
      next = writes.isEmpty() ? null : settings.period();
    }
    Duration requeue = next;
    return Writes.all(writes).thenApply(done -> requeue == null ? Controller.Result.DONE
        : Controller.Result.requeueAfter(requeue));
  }

  /**
   * A change to the node's taints and Ready condition: the taints through the main resource, then
   * the condition through status (the change is worked out again on what the first write left, so
   * it must still apply).
   */
  private CompletableFuture<?> update(ResourceKey key, UnaryOperator<Node> change) {
    return client.update(key, Node.class, change)
        .thenCompose(tainted -> client.updateStatus(key, Node.class, current -> {
          Node next = change.apply(current);
          return next == null || java.util.Objects.equals(next.status(), current.status()) ? null : next;
        })).toCompletableFuture();
  }

  /** Deletes (gracefully unless forced) every pod still bound to the node; a returning agent finishes the job. */
  private List<CompletableFuture<?>> evictPods(CacheView view, String node, Deletion.Options options) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    boolean force = options.gracePeriodSeconds() != null && options.gracePeriodSeconds() == 0;
    for (KubeObject object : view.indexed(Indexes.NODE, node)) {
      if (!force && object.metadata().deletionTimestamp() != null) {
        continue;
      }
      ResourceKey key = new ResourceKey("pods", object.metadata().namespace(), object.metadata().name());
      log.info("pod={}/{} evicted from unreachable node={}", key.namespace(), key.name(), node);
      writes.add(client.delete(key, options).toCompletableFuture());
    }
    return writes;
  }
}
