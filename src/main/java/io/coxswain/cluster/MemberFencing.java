package io.coxswain.cluster;

import io.coxswain.api.KubeObject;
import io.coxswain.node.NodeStatusBuilder;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.OwnedObject;
import io.coxswain.node.runtime.RuntimeFailure;
import io.coxswain.store.WatchCache;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fences a member the cluster downed (it stopped answering; not one that left on purpose, which
 * keeps its containers to re-adopt when it restarts): the containers of its node that this
 * member's runtime can see are stopped and removed. When a member dies with its host, its containers die
 * with it; when several members share one host (one Docker daemon), a member killed with -9
 * leaves its containers running, and its replacement pods elsewhere would then compete with them
 * (a database's lock on its files, a port on the host). On separate hosts no runtime sees another
 * host's containers, so this does nothing. A node whose Node already names another member (it
 * restarted and re-adopted its containers) is left alone.
 */
final class MemberFencing {
  private static final Logger log = LoggerFactory.getLogger(MemberFencing.class);

  private MemberFencing() {}

  static Behavior<ClusterEvent.MemberRemoved> create(WatchCache cache, ContainerRuntime runtime, String ownNode,
      Executor blocking) {
    return Behaviors.setup(context -> {
      Cluster.get(context.getSystem()).subscriptions()
          .tell(Subscribe.create(context.getSelf(), ClusterEvent.MemberRemoved.class));
      return Behaviors.receiveMessage(removed -> {
        if (removed.previousStatus() != org.apache.pekko.cluster.MemberStatus.down()) {
          return Behaviors.same(); // it left on purpose (a restart, say) and keeps its containers to re-adopt
        }
        String address = removed.member().address().toString();
        for (KubeObject node : cache.view().list("nodes", null, null, 0, o -> true).items()) {
          String name = node.metadata().name();
          if (!name.equals(ownNode)
              && address.equals(node.metadata().annotationsOrEmpty().get(NodeStatusBuilder.MEMBER_ANNOTATION))) {
            CompletableFuture.runAsync(() -> fence(runtime, name, address), blocking);
          }
        }
        return Behaviors.same();
      });
    });
  }

  private static void fence(ContainerRuntime runtime, String node, String member) {
    try {
      List<OwnedObject> owned = runtime.listOwned(node);
      List<String> sandboxes = new ArrayList<>();
      for (OwnedObject object : owned) {
        if (object.sandbox()) {
          sandboxes.add(object.id());
        } else {
          runtime.removeContainer(object.id());
        }
      }
      for (String sandbox : sandboxes) {
        runtime.removeSandbox(sandbox);
      }
      if (!owned.isEmpty()) {
        log.info("node={} fenced: member {} left the cluster; removed its {} containers on this host", node, member,
            owned.size());
      }
    } catch (RuntimeFailure e) {
      log.warn("node={} could not be fenced after member {} left: {}", node, member, e.getMessage());
    }
  }
}
