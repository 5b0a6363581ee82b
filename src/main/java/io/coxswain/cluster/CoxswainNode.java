package io.coxswain.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.coxswain.apiserver.ApiServer;
import io.coxswain.node.NodeAgent;
import io.coxswain.node.NodeFacts;
import io.coxswain.node.RestartRules;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.LogReader;
import io.coxswain.scheduler.Scheduler;
import io.coxswain.controller.EndpointsController;
import io.coxswain.controller.GarbageCollector;
import io.coxswain.controller.kit.Controller;
import io.coxswain.registry.Client;
import io.coxswain.registry.LocalClient;
import io.coxswain.registry.Registry;
import io.coxswain.registry.Strategies;
import io.coxswain.controller.NamespaceController;
import io.coxswain.controller.ServiceAccountsController;
import io.coxswain.controller.TaintEvictionController;
import io.coxswain.controller.NodeLifecycle;
import io.coxswain.controller.ReconcilerEntity;
import io.coxswain.controller.ServiceEntity;
import io.coxswain.controller.DeploymentController;
import io.coxswain.controller.DeploymentEntity;
import io.coxswain.controller.ReplicaEntity;
import io.coxswain.controller.ReplicationManager;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import io.coxswain.store.ObjectStore;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreSettings;
import io.coxswain.store.WatchCache;
import io.coxswain.store.WatchCacheFeed;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cluster member: the actor system joined to the cluster, the store singleton, this node's
 * watch cache and the API server. Main runs one; tests run several in one JVM or in child JVMs.
 */
public final class CoxswainNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CoxswainNode.class);

  private final ActorSystem<Void> system;
  private final StoreClient storeClient;
  private final Client client;
  private final ApiServer apiServer;

  private CoxswainNode(ActorSystem<Void> system, StoreClient storeClient, Client client, ApiServer apiServer) {
    this.system = system;
    this.storeClient = storeClient;
    this.client = client;
    this.apiServer = apiServer;
  }

  /** Starts a member and returns once its API answers requests. */
  public static CoxswainNode start(NodeSettings settings) throws Exception {
    Files.createDirectories(settings.dataDir());
    Config config = config(settings);
    String journalUrl = settings.journalUrl().isBlank() ? config.getString("coxswain.journal.url") : settings.journalUrl();
    JournalConfig journal = JournalConfig.of(journalUrl,
        config.getString("coxswain.journal.user"), config.getString("coxswain.journal.password"), settings.dataDir());
    journal.prepare();
    config = journal.pekkoConfig().withFallback(config);

    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "coxswain", config);
    try {
      joinCluster(system, settings);
      StoreSettings storeSettings = StoreSettings.fromConfig(config);
      ActorRef<ObjectStore.Command> store = ClusterSingleton.get(system)
          .init(SingletonActor.of(ObjectStore.create(storeSettings, journal.snapshotRetention()), "store"));
      WatchCache cache = new WatchCache(storeSettings, system);
      system.systemActorOf(WatchCacheFeed.create(store, cache, storeSettings), "watch-cache-feed",
          org.apache.pekko.actor.typed.Props.empty());
      StoreClient client = new StoreClient(store, cache, system, config.getDuration("coxswain.api.request-timeout"));
      await(cache.awaitRevision(0), Duration.ofMinutes(2), "the store did not come up");
      // The one write path of this member: the API server and every controller write through it.
      Registry registry = new Registry(client, new Strategies(config.getString("coxswain.api.service-cidr"),
          new java.security.SecureRandom()), Clock.systemUTC(), new java.security.SecureRandom());
      Client writer = new LocalClient(registry);
      Bootstrap.ensureSystemNamespaces(client, writer);
      Bootstrap.ensureClusterDnsService(client, writer, config.getString("coxswain.api.service-cidr"));

      RuntimeChoice.Chosen chosen = RuntimeChoice.create(config.getConfig("coxswain.node"),
          config.getConfig("coxswain.network"), settings.nodeName(), Clock.systemUTC(), writer,
          name -> client.cache().view().get(io.coxswain.store.ResourceKey.clusterScoped("nodes", name)) != null,
          name -> PodCidrClaim.claimedLately(client.cache().view(), name));
      ContainerRuntime runtime = chosen.runtime();
      log.info("node={} container runtime: {}, pod range {}", settings.nodeName(), runtime.version(), chosen.podCidr());
      ApiServer api = ApiServer.start(system, registry, config, Clock.systemUTC(), settings.nodeName(),
          runtime instanceof LogReader reader ? reader : null);
      Bootstrap.ensureKubernetesService(client, writer, config.getString("coxswain.api.service-cidr"), api.port());
      Bootstrap.ensureServiceAccountKey(client, writer);
      system.systemActorOf(MemberFencing.create(client.cache(), runtime, settings.nodeName(),
          system.dispatchers().lookup(org.apache.pekko.actor.typed.DispatcherSelector.blocking())), "member-fencing",
          org.apache.pekko.actor.typed.Props.empty());
      String clusterDomain = NodeNetwork.start(system, client.cache(), writer, config, settings.nodeName(), runtime,
          chosen.podCidr());
      startNodeAgent(system, client, writer, settings, config, runtime, api.port(), chosen.podCidr().toString(),
          clusterDomain);
      awaitOwnNode(client, settings.nodeName(), Cluster.get(system).selfMember().address().toString());
      if (config.getBoolean("coxswain.controllers.enabled")) {
        startControllers(system, client, writer, config);
      }
      if (config.getBoolean("coxswain.scheduler.enabled")) {
        ClusterSingleton.get(system).init(SingletonActor.of(
            Scheduler.create(client.cache(), writer, config.getDuration("coxswain.scheduler.resync"), Clock.systemUTC()),
            "scheduler"));
      }
      CoxswainNode node = new CoxswainNode(system, client, writer, api);
      log.info("Coxswain API listening on {}", api.url());
      return node;
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  /**
   * The controllers: one sharded entity per RC and per Service on any member, and the cluster singletons that
   * work from this member's cache (RC manager, garbage collector, node lifecycle, endpoints,
   * namespace). The node lifecycle is also told of every membership change, since a member that
   * left changes what it decides without any object changing.
   */
  private static void startControllers(ActorSystem<Void> system, StoreClient client, Client writer, Config config) {
    WatchCache cache = client.cache();
    Duration resync = config.getDuration("coxswain.controllers.resync");
    Duration askTimeout = config.getDuration("coxswain.api.request-timeout");
    ClusterSharding sharding = ClusterSharding.get(system);
    for (var type : List.of(ReplicaEntity.REPLICATION_CONTROLLER, ReplicaEntity.REPLICA_SET)) {
      String resource = type == ReplicaEntity.REPLICA_SET ? "replicasets" : "replicationcontrollers";
      sharding.init(Entity.of(type, entity -> Behaviors.setup(context -> ReplicaEntity.create(resource,
          entity.getEntityId(), cache, writer, Clock.systemUTC(),
          () -> entity.getShard().tell(new ClusterSharding.Passivate<>(context.getSelf()))))));
    }
    ClusterSingleton singletons = ClusterSingleton.get(system);
    singletons.init(SingletonActor.of(ReplicationManager.create(cache, resync, Clock.systemUTC(),
        dispatch(sharding, ReplicaEntity.REPLICATION_CONTROLLER, askTimeout)), "replication-manager"));
    singletons.init(SingletonActor.of(ReplicationManager.createForReplicaSets(cache, resync, Clock.systemUTC(),
        dispatch(sharding, ReplicaEntity.REPLICA_SET, askTimeout)), "replicaset-manager"));
    sharding.init(Entity.of(DeploymentEntity.TYPE, entity -> Behaviors.setup(context -> DeploymentEntity.create(
        entity.getEntityId(), cache, writer, Clock.systemUTC(),
        () -> entity.getShard().tell(new ClusterSharding.Passivate<>(context.getSelf()))))));
    singletons.init(SingletonActor.of(DeploymentController.create(cache, resync, Clock.systemUTC(),
        dispatch(sharding, DeploymentEntity.TYPE, askTimeout)), "deployment-controller"));
    singletons.init(SingletonActor.of(GarbageCollector.create(cache, writer, resync, Clock.systemUTC()), "garbage-collector"));
    NodeLifecycle.Settings lifecycle = new NodeLifecycle.Settings(
        config.getDuration("coxswain.controllers.node-monitor-period"),
        config.getDuration("coxswain.controllers.node-monitor-grace-period"),
        config.getDuration("coxswain.controllers.pod-eviction-timeout"));
    ActorRef<Controller.Command> nodeLifecycle = singletons.init(SingletonActor.of(
        NodeLifecycle.create(cache, writer, lifecycle, Clock.systemUTC(), () -> liveMembers(system)), "node-lifecycle"));
    system.systemActorOf(MembershipChanges.create(nodeLifecycle), "membership-changes",
        org.apache.pekko.actor.typed.Props.empty());
    sharding.init(Entity.of(ServiceEntity.TYPE,
        entity -> Behaviors.setup(context -> ServiceEntity.create(entity.getEntityId(), cache, writer,
            Clock.systemUTC(), () -> entity.getShard().tell(new ClusterSharding.Passivate<>(context.getSelf()))))));
    singletons.init(SingletonActor.of(EndpointsController.create(cache, resync, Clock.systemUTC(),
        dispatch(sharding, ServiceEntity.TYPE, askTimeout)::reconcile), "endpoints-controller"));
    singletons.init(SingletonActor.of(NamespaceController.create(cache, writer, resync, Clock.systemUTC()),
        "namespace-controller"));
    singletons.init(SingletonActor.of(io.coxswain.controller.PodGarbageCollector.create(cache, writer,
        config.getDuration("coxswain.controllers.pod-gc-quarantine"), resync, Clock.systemUTC()), "pod-gc"));
    singletons.init(SingletonActor.of(TaintEvictionController.create(cache, writer, resync, Clock.systemUTC()),
        "taint-eviction-controller"));
    singletons.init(SingletonActor.of(ServiceAccountsController.create(cache, writer, resync, Clock.systemUTC()),
        "serviceaccounts-controller"));
  }

  /** Asks the sharded entity of this type and id to reconcile at a revision, answered when it has. */
  private static ReplicationManager.Dispatch dispatch(ClusterSharding sharding,
      org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey<ReconcilerEntity.Command> type,
      Duration askTimeout) {
    return (id, revision) -> sharding.entityRefFor(type, id).<org.apache.pekko.Done>askWithStatus(
        replyTo -> new ReconcilerEntity.Reconcile(revision, replyTo), askTimeout);
  }

  /**
   * Waits (bounded) until this member's agent has registered its Node under this member's address,
   * so a node lifecycle starting here never takes the node's previous incarnation for a lost
   * member and evicts pods this agent is about to re-adopt.
   */
  private static void awaitOwnNode(StoreClient client, String nodeName, String member) {
    io.coxswain.store.ResourceKey key = io.coxswain.store.ResourceKey.clusterScoped("nodes", nodeName);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      io.coxswain.api.KubeObject node = client.cache().view().get(key);
      if (node != null && member.equals(node.metadata().annotationsOrEmpty()
          .get(io.coxswain.node.NodeStatusBuilder.MEMBER_ANNOTATION))) {
        return;
      }
      try {
        client.cache().awaitRevision(client.cache().view().revision() + 1).toCompletableFuture()
            .get(1, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException idle) {
        // nothing committed in the last second: look again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        break;
      }
    }
    log.warn("node={} not registered within 30 s; starting the controllers anyway", nodeName);
  }

  /** Addresses of the members that are in the cluster (not downed, not removed). */
  private static java.util.Set<String> liveMembers(ActorSystem<?> system) {
    java.util.Set<String> live = new java.util.HashSet<>();
    for (org.apache.pekko.cluster.Member member : org.apache.pekko.cluster.typed.Cluster.get(system).state()
        .getMembers()) {
      org.apache.pekko.cluster.MemberStatus status = member.status();
      if (status != org.apache.pekko.cluster.MemberStatus.down() && status != org.apache.pekko.cluster.MemberStatus.removed()) {
        live.add(member.address().toString());
      }
    }
    return live;
  }

  private static void startNodeAgent(ActorSystem<Void> system, StoreClient client, Client writer,
      NodeSettings settings, Config config,
      ContainerRuntime runtime, int apiPort, String podCidr, String clusterDomain) {
    Config node = config.getConfig("coxswain.node");
    NodeFacts facts = NodeFacts.ofThisHost(settings.nodeName(), settings.nodeLabels(), settings.clusterAddress(),
        runtime.version(), node.getInt("max-pods"), apiPort, node.getInt("capacity.cpu"),
        node.getMemorySize("capacity.memory").toBytes(),
        org.apache.pekko.cluster.typed.Cluster.get(system).selfMember().address().toString(), podCidr);
    NodeAgent.Settings agent = new NodeAgent.Settings(node.getDuration("heartbeat-interval"),
        node.getDuration("pod-sync-period"), node.getDuration("pod-resync-period"), new RestartRules.Backoff(node.getDuration("crash-loop-backoff.initial"),
            node.getDuration("crash-loop-backoff.max")),
        java.nio.file.Path.of(config.getString("coxswain.data-dir"), "pods")).withClusterDomain(clusterDomain)
        .withEndpointDrainDelay(node.getDuration("endpoint-drain-delay"));
    system.systemActorOf(NodeAgent.create(client.cache(), writer, facts, runtime, agent, Clock.systemUTC()), "node-agent",
        org.apache.pekko.actor.typed.Props.empty());
  }

  private static Config config(NodeSettings settings) {
    Config base = ConfigFactory.load();
    if (settings.configFile() != null) {
      base = ConfigFactory.parseFile(settings.configFile().toFile()).withFallback(base).resolve();
    }
    return ConfigFactory.parseMap(settings.overrides()).withFallback(base)
        .withValue("coxswain.data-dir", ConfigValueFactory.fromAnyRef(settings.dataDir().toString()))
        .withValue("coxswain.api.address", ConfigValueFactory.fromAnyRef(settings.apiAddress()))
        .withValue("coxswain.api.port", ConfigValueFactory.fromAnyRef(settings.apiPort()))
        .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(settings.clusterAddress()))
        .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(settings.clusterPort()));
  }

  private static void joinCluster(ActorSystem<Void> system, NodeSettings settings) {
    Cluster cluster = Cluster.get(system);
    if (settings.join().isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
      return;
    }
    java.util.List<Address> seeds = settings.join().stream()
        .map(hostPort -> AddressFromURIString.parse("pekko://coxswain@" + hostPort))
        .toList();
    cluster.manager().tell(new JoinSeedNodes(seeds));
  }

  static <T> T await(CompletionStage<T> stage, Duration timeout, String what) throws Exception {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(what + " within " + timeout, e);
    }
  }

  public String apiUrl() {
    return apiServer.url();
  }

  public int apiPort() {
    return apiServer.port();
  }

  public StoreClient store() {
    return storeClient;
  }

  /** This member's in-process client: writes through its registry, as its controllers do. */
  public Client client() {
    return client;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  /** Stops through CoordinatedShutdown, as SIGTERM does, and waits for it. */
  @Override
  public void close() throws Exception {
    CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason())
        .toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
