package io.coxswain.node;

import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import io.coxswain.node.pod.PodSteps;
import io.coxswain.node.pod.PodWorker;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.OwnedObject;
import io.coxswain.store.CacheView;
import io.coxswain.registry.Client;
import io.coxswain.registry.EventRecorder;
import io.coxswain.store.WatchCache;
import io.coxswain.api.Quantity;
import io.coxswain.api.coordination.Lease;
import io.coxswain.api.core.ConfigMap;
import io.coxswain.api.core.Secret;
import io.coxswain.node.config.ConfigLookup;
import io.coxswain.store.ChangeType;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.WatchEvent;
import io.coxswain.store.WatchRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The node agent (the kubelet) of one member: registers its Node and heartbeats the Ready
 * condition; watches the pods bound to it and runs one {@link PodWorker} child per pod; removes
 * runtime objects that no pod claims. A failed write or runtime call is logged and retried — the
 * agent itself never stops.
 */
public final class NodeAgent extends AbstractBehavior<NodeAgent.Command> {

  public sealed interface Command {}

  private enum Beat implements Command { INSTANCE }

  private enum Rewatch implements Command { INSTANCE }

  private record Written(Object written, Throwable failure) implements Command {}

  private record PodEvent(WatchEvent event) implements Command {}

  private record WatchEnded(Throwable failure) implements Command {}

  private record OrphansRemoved(Integer count, Throwable failure) implements Command {}

  private enum Relist implements Command { INSTANCE }

  private record Relisted(Map<String, Map<String, Boolean>> states, Throwable failure) implements Command {}

  /**
   * How this agent runs pods: heartbeat period; {@code podSync}, how often it relists the runtime
   * (one call for the whole node, as the kubelet's PLEG) and how often busy workers sync;
   * {@code podResync}, how often a settled worker looks anyway; the CrashLoopBackOff delays.
   */
  /**
   * @param podsDir where each pod's volume files are kept ({@code <podsDir>/<uid>/volumes/<name>})
   * @param statusReport how often the Node's status is written when nothing in it changed (its
   *     lease is the heartbeat; Kubernetes' nodeStatusReportFrequency)
   */
  public record Settings(Duration heartbeat, Duration podSync, Duration podResync, RestartRules.Backoff backoff,
                         java.nio.file.Path podsDir, Duration statusReport, String clusterDomain,
                         Duration endpointDrainDelay) {
    public Settings(Duration heartbeat, Duration podSync, Duration podResync, RestartRules.Backoff backoff,
        java.nio.file.Path podsDir) {
      this(heartbeat, podSync, podResync, backoff, podsDir, Duration.ofMinutes(5), null, Duration.ZERO);
    }

    /** Pods get a resolv.conf for the cluster DNS of {@code domain} (a node that serves it). */
    public Settings withClusterDomain(String domain) {
      return new Settings(heartbeat, podSync, podResync, backoff, podsDir, statusReport, domain, endpointDrainDelay);
    }

    /** A pod being deleted keeps its containers this long after it left its Services' Endpoints. */
    public Settings withEndpointDrainDelay(Duration delay) {
      return new Settings(heartbeat, podSync, podResync, backoff, podsDir, statusReport, clusterDomain, delay);
    }

    /** Settled workers look ten times less often than busy ones. */
    public Settings(Duration heartbeat, Duration podSync, RestartRules.Backoff backoff) {
      this(heartbeat, podSync, podSync.multipliedBy(10), backoff);
    }

    /** Volume files under the JVM's temporary directory (tests and simulations). */
    public Settings(Duration heartbeat, Duration podSync, Duration podResync, RestartRules.Backoff backoff) {
      this(heartbeat, podSync, podResync, backoff, PodSteps.Config.none().podsDir());
    }
  }

  private final WatchCache cache;
  private final Client client;
  private final NodeFacts facts;
  private final ContainerRuntime runtime;
  private final Settings settings;
  private final Clock clock;
  private final TimerScheduler<Command> timers;
  private final ResourceKey key;
  private final PodWorker.Context workerContext;
  private final PodSteps steps;
  private final Map<String, ActorRef<PodWorker.Command>> workers = new HashMap<>();
  /** Per pod uid, what the last relist saw of its runtime objects (ids and whether they run). */
  private Map<String, Map<String, Boolean>> relisted = Map.of();
  private boolean relisting;
  private boolean registered;

  private NodeAgent(ActorContext<Command> context, TimerScheduler<Command> timers, WatchCache cache, Client client,
      NodeFacts facts,
      ContainerRuntime runtime, Settings settings, Clock clock) {
    super(context);
    this.timers = timers;
    this.cache = cache;
    this.client = client;
    this.facts = facts;
    this.runtime = runtime;
    this.settings = settings;
    this.clock = clock;
    this.key = ResourceKey.clusterScoped("nodes", facts.name());
    String runtimeName = runtime.version().substring(0, runtime.version().indexOf(':'));
    this.workerContext = new PodWorker.Context(facts.name(), facts.internalIp(), runtimeName, client,
        context.getSystem().dispatchers().lookup(org.apache.pekko.actor.typed.DispatcherSelector.blocking()),
        clock, settings.podSync(), settings.podResync(), new EventRecorder(client, "kubelet", facts.name(), clock),
        endpointDrain(cache, settings.endpointDrainDelay()));
    this.steps = new PodSteps(runtime, clock, settings.backoff(), facts.internalIp(),
        new PodSteps.Config(configLookup(cache), settings.podsDir().resolve(facts.name()), Map.of(
            "cpu", Quantity.of(java.math.BigDecimal.valueOf(facts.cpus())),
            "memory", Quantity.ofBytes(facts.memoryBytes())), settings.clusterDomain()));
  }

  /** Whether a pod is still a ready address of some Endpoints in this member's cache. */
  private static PodWorker.EndpointDrain endpointDrain(WatchCache cache, Duration propagation) {
    return new PodWorker.EndpointDrain() {
      @Override
      public boolean serving(io.coxswain.api.core.Pod pod) {
        String ip = pod.statusOrEmpty().podIP();
        if (ip == null || ip.isEmpty()) {
          return false;
        }
        // What the service proxies read: a slice listing the pod's address as ready (unset counts as ready).
        return cache.view().list("endpointslices", pod.metadata().namespace(), null, 0, o -> true).items().stream()
            .flatMap(o -> ((io.coxswain.api.discovery.EndpointSlice) o).endpoints().stream())
            .anyMatch(e -> e.addresses().contains(ip) && !Boolean.FALSE.equals(e.conditions().ready()));
      }

      @Override
      public Duration propagation() {
        return propagation;
      }
    };
  }

  /** ConfigMaps, Secrets and Services as this member's cache has them. */
  private static ConfigLookup configLookup(WatchCache cache) {
    return new ConfigLookup() {
      @Override
      public ConfigMap configMap(String namespace, String name) {
        return cache.view().get(new ResourceKey("configmaps", namespace, name)) instanceof ConfigMap cm ? cm : null;
      }

      @Override
      public Secret secret(String namespace, String name) {
        return cache.view().get(new ResourceKey("secrets", namespace, name)) instanceof Secret s ? s : null;
      }

      @Override
      public String serviceAccountUid(String namespace, String name) {
        return cache.view().get(new ResourceKey("serviceaccounts", namespace, name)) instanceof
            io.coxswain.api.core.ServiceAccount account ? account.metadata().uid() : null;
      }

      @Override
      public java.util.List<io.coxswain.api.core.Service> services(String namespace) {
        return cache.view().list("services", namespace, null, 0, o -> true).items().stream()
            .map(o -> (io.coxswain.api.core.Service) o).toList();
      }
    };
  }

  public static Behavior<Command> create(WatchCache cache, Client client, NodeFacts facts, ContainerRuntime runtime,
      Settings settings, Clock clock) {
    return Behaviors.setup(context -> Behaviors.withTimers((TimerScheduler<Command> timers) -> {
      timers.startTimerWithFixedDelay(Beat.INSTANCE, Beat.INSTANCE, Duration.ZERO, settings.heartbeat());
      timers.startTimerWithFixedDelay(Relist.INSTANCE, Relist.INSTANCE, settings.podSync(), settings.podSync());
      context.getSelf().tell(Rewatch.INSTANCE);
      return new NodeAgent(context, timers, cache, client, facts, runtime, settings, clock);
    }));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Beat.INSTANCE, this::beat)
        .onMessage(Written.class, this::onWritten)
        .onMessageEquals(Rewatch.INSTANCE, this::watchPods)
        .onMessage(PodEvent.class, this::onPodEvent)
        .onMessage(WatchEnded.class, ended -> {
          timers.startSingleTimer(Rewatch.INSTANCE, Duration.ofSeconds(1));
          return this;
        })
        .onMessageEquals(Relist.INSTANCE, this::relist)
        .onMessage(Relisted.class, this::onRelisted)
        .onMessage(OrphansRemoved.class, removed -> {
          if (removed.failure() != null) {
            getContext().getLog().warn("node={} could not list runtime objects: {}", facts.name(), removed.failure().toString());
          } else if (removed.count() > 0) {
            getContext().getLog().info("node={} removed {} runtime objects no pod claims", facts.name(), removed.count());
          }
          return this;
        })
        .onSignal(Terminated.class, terminated -> {
          workers.values().remove(terminated.getRef().<PodWorker.Command>unsafeUpcast());
          return this;
        })
        .build();
  }

  private Predicate<KubeObject> onThisNode() {
    return object -> object instanceof Pod pod && facts.name().equals(pod.spec().nodeName());
  }

  /** Lists this node's pods, brings the workers in line, then watches from the list's revision. */
  private Behavior<Command> watchPods() {
    CacheView view = cache.view();
    List<KubeObject> pods = view.list("pods", null, null, 0, onThisNode()).items();
    Set<String> uids = new HashSet<>();
    for (KubeObject pod : pods) {
      uids.add(pod.metadata().uid());
      podChanged((Pod) pod);
    }
    for (Map.Entry<String, ActorRef<PodWorker.Command>> worker : Map.copyOf(workers).entrySet()) {
      if (!uids.contains(worker.getKey())) {
        worker.getValue().tell(PodWorker.PodGone.INSTANCE);
      }
    }
    removeOrphans(uids);
    ActorRef<Command> self = getContext().getSelf();
    cache.watch(new WatchRequest("pods", null, onThisNode(), view.revision(), false, facts.name()))
        .runWith(Sink.foreach(event -> self.tell(new PodEvent(event))), getContext().getSystem())
        .whenComplete((done, failure) -> self.tell(new WatchEnded(failure)));
    return this;
  }

  private void removeOrphans(Set<String> claimed) {
    String node = facts.name();
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
      int removed = 0;
      try {
        // Sandboxes first: removing one takes its containers and volumes with it.
        List<OwnedObject> owned = runtime.listOwned(node);
        Set<String> sandboxUids = new HashSet<>();
        for (OwnedObject object : owned) {
          if (object.sandbox() && !claimed.contains(object.pod().uid())) {
            runtime.removeSandbox(object.id());
            sandboxUids.add(object.pod().uid());
            removed++;
          }
        }
        for (OwnedObject object : owned) {
          if (!object.sandbox() && !claimed.contains(object.pod().uid()) && !sandboxUids.contains(object.pod().uid())) {
            runtime.removeContainer(object.id());
            removed++;
          }
        }
      } catch (io.coxswain.node.runtime.RuntimeFailure e) {
        throw new java.util.concurrent.CompletionException(e);
      }
      return removed;
    }, workerContext.blocking()), OrphansRemoved::new);
  }

  private Behavior<Command> onPodEvent(PodEvent message) {
    WatchEvent event = message.event();
    if (event.type() == ChangeType.DELETED) {
      ActorRef<PodWorker.Command> worker = workers.get(event.object().metadata().uid());
      if (worker != null) {
        worker.tell(PodWorker.PodGone.INSTANCE);
      }
    } else if (event.type() != ChangeType.BOOKMARK) {
      podChanged((Pod) event.object());
    }
    return this;
  }

  private void podChanged(Pod pod) {
    String uid = pod.metadata().uid();
    ActorRef<PodWorker.Command> worker = workers.get(uid);
    if (worker == null) {
      getContext().getLog().debug("pod={}/{} node={} starting", pod.metadata().namespace(), pod.metadata().name(),
          facts.name());
      worker = getContext().spawn(PodWorker.create(workerContext, steps, pod), "pod-" + uid);
      getContext().watch(worker);
      workers.put(uid, worker);
    } else {
      worker.tell(new PodWorker.PodChanged(pod));
    }
  }

  /** One runtime call for the whole node: what runs, per pod. */
  private Behavior<Command> relist() {
    if (relisting) {
      return this;
    }
    relisting = true;
    String node = facts.name();
    getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
      try {
        return RuntimeStates.byPod(runtime.listOwned(node));
      } catch (io.coxswain.node.runtime.RuntimeFailure e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, workerContext.blocking()), Relisted::new);
    return this;
  }

  /** Wakes the workers of pods whose runtime objects changed since the last relist. */
  private Behavior<Command> onRelisted(Relisted relist) {
    relisting = false;
    if (relist.failure() != null) {
      getContext().getLog().warn("node={} relist failed: {}", facts.name(), relist.failure().toString());
      return this;
    }
    for (String uid : RuntimeStates.changed(relisted, relist.states())) {
      ActorRef<PodWorker.Command> worker = workers.get(uid);
      if (worker != null) {
        worker.tell(PodWorker.Resync.INSTANCE);
      }
    }
    relisted = relist.states();
    return this;
  }

  /**
   * Registers the Node when absent; otherwise renews its lease (the heartbeat) and writes the
   * Node only when what it reports changed or the last report is older than the status report
   * period, its metadata first when the agent's labels or member changed (a restarted member).
   */
  private Behavior<Command> beat() {
    KubeObject current = cache.view().get(key);
    CompletionStage<?> written;
    if (current == null) {
      written = client.create(NodeStatusBuilder.registration(facts, clock)).thenCompose(this::renewLease);
    } else {
      Node stored = (Node) current;
      UnaryOperator<Node> refresh = node -> NodeStatusBuilder.refreshed(node, facts, clock);
      Node fresh = refresh.apply(stored);
      boolean metadataChanged = !fresh.metadata().equals(stored.metadata()) || !fresh.spec().equals(stored.spec());
      CompletionStage<?> metadata = metadataChanged ? client.update(key, Node.class, refresh)
          : CompletableFuture.completedFuture(null);
      boolean report = metadataChanged || NodeLeases.reportChanged(stored, fresh) || reportDue(stored);
      CompletionStage<?> status = report ? metadata.thenCompose(done -> client.updateStatus(key, Node.class, refresh))
          : metadata;
      written = status.thenCompose(done -> renewLease(stored));
    }
    getContext().pipeToSelf(written, Written::new);
    return this;
  }

  /** Whether the Node's last status report is older than the report period. */
  private boolean reportDue(Node stored) {
    var ready = stored.status() == null ? null : stored.status().condition("Ready");
    return ready == null || ready.lastHeartbeatTime() == null
        || !clock.instant().isBefore(java.time.Instant.parse(ready.lastHeartbeatTime()).plus(settings.statusReport()));
  }

  private CompletionStage<?> renewLease(Node node) {
    ResourceKey leaseKey = new ResourceKey("leases", Lease.NODE_LEASE_NAMESPACE, facts.name());
    KubeObject lease = cache.view().get(leaseKey);
    if (lease == null) {
      return client.create(NodeLeases.renewed(null, node, clock)).exceptionally(failure -> {
        // A lease made meanwhile (a restarted agent) is renewed on the next beat.
        if (StoreClient.unwrap(failure).code() != 409) {
          throw new java.util.concurrent.CompletionException(failure);
        }
        return null;
      });
    }
    return client.update(leaseKey, Lease.class, current -> NodeLeases.renewed(current, node, clock));
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
