package io.coxswain.cluster;

import io.coxswain.controller.kit.Controller;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Tells a controller to resync whenever a cluster member comes, goes or is removed: the node
 * lifecycle decides from membership as well as from Node objects, and a member leaving changes no
 * object by itself.
 */
final class MembershipChanges {
  private MembershipChanges() {}

  static Behavior<ClusterEvent.MemberEvent> create(ActorRef<Controller.Command> controller) {
    return Behaviors.setup(context -> {
      Cluster.get(context.getSystem()).subscriptions()
          .tell(Subscribe.create(context.getSelf(), ClusterEvent.MemberEvent.class));
      return Behaviors.receiveMessage(event -> {
        controller.tell(Controller.Resync.INSTANCE);
        return Behaviors.same();
      });
    });
  }
}
