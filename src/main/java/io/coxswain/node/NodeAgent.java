package io.coxswain.node;

import io.coxswain.api.Defaulting;
import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Node;
import io.coxswain.store.Change;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreOp;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The node agent (the kubelet) of one member. Today it registers this member's Node and keeps
 * its Ready condition fresh with a heartbeat on a fixed period; running the pods bound to the
 * node comes next. A failed write is logged and retried on the next beat — the agent never stops.
 */
public final class NodeAgent extends AbstractBehavior<NodeAgent.Command> {

  public sealed interface Command {}

  private enum Beat implements Command { INSTANCE }

  private record Written(Change change, Throwable failure) implements Command {}

  private final StoreClient store;
  private final NodeFacts facts;
  private final Clock clock;
  private final ResourceKey key;
  private boolean registered;

  private NodeAgent(ActorContext<Command> context, StoreClient store, NodeFacts facts, Clock clock) {
    super(context);
    this.store = store;
    this.facts = facts;
    this.clock = clock;
    this.key = ResourceKey.clusterScoped("nodes", facts.name());
  }

  public static Behavior<Command> create(StoreClient store, NodeFacts facts, Duration heartbeat, Clock clock) {
    return Behaviors.setup(context -> Behaviors.withTimers((TimerScheduler<Command> timers) -> {
      timers.startTimerWithFixedDelay(Beat.INSTANCE, Beat.INSTANCE, Duration.ZERO, heartbeat);
      return new NodeAgent(context, store, facts, clock);
    }));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Beat.INSTANCE, this::beat)
        .onMessage(Written.class, this::onWritten)
        .build();
  }

  /** Creates the Node when absent, otherwise refreshes its status; one write per beat. */
  private Behavior<Command> beat() {
    getContext().pipeToSelf(store.mutate(key, this::publish), Written::new);
    return this;
  }

  private StoreOp publish(KubeObject current) {
    if (current == null) {
      Node node = (Node) Defaulting.applyCreateDefaults(NodeStatusBuilder.registration(facts, clock), null, clock,
          new Random());
      return new StoreOp.Create(key, node);
    }
    return new StoreOp.Update(key, NodeStatusBuilder.refreshed((Node) current, facts, clock),
        current.metadata().resourceVersion());
  }

  private Behavior<Command> onWritten(Written written) {
    if (written.failure() != null) {
      getContext().getLog().warn("node={} status not written: {}", facts.name(),
          StoreClient.unwrap(written.failure()).getMessage());
    } else if (!registered) {
      registered = true;
      getContext().getLog().info("node={} registered, Ready", facts.name());
    }
    return this;
  }
}
