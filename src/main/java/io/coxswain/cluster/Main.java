package io.coxswain.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code cox} launcher. {@code cox server} runs a cluster member; {@code cox rolling-update},
 * {@code cox rollback} and {@code cox rollout status} drive a ReplicationController's rolling
 * update (everything else is kubectl's).
 */
@Command(name = "cox", mixinStandardHelpOptions = true, version = "coxswain 0.1.0",
    description = "Coxswain: a container orchestrator with the core of Kubernetes.",
    subcommands = {Main.Server.class, io.coxswain.cli.RolloutCommands.RollingUpdate.class,
        io.coxswain.cli.RolloutCommands.Rollback.class, io.coxswain.cli.RolloutCommands.Rollout.class})
public final class Main implements Runnable {
  static {
    CommonPool.ensureParallel();
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  @Command(name = "server", mixinStandardHelpOptions = true,
      description = "Run a cluster member: the API server, this node's watch cache and, on the first member, the store.")
  static final class Server implements Callable<Integer> {
    @Option(names = "--node-name", description = "This member's node name. Default: the host name")
    String nodeName = NodeSettings.defaultNodeName();

    @Option(names = "--node-labels", split = ",", description = "Extra node labels, k=v[,k=v...]")
    java.util.Map<String, String> nodeLabels = new java.util.LinkedHashMap<>();

    @Option(names = "--data", description = "Data directory (journal, snapshots). Default: ~/.coxswain")
    Path data = Path.of(System.getProperty("user.home"), ".coxswain");

    @Option(names = "--api-address", description = "Address the API binds. Default: 127.0.0.1")
    String apiAddress = "127.0.0.1";

    @Option(names = "--api-port", description = "API port. Default: 8001")
    int apiPort = 8001;

    @Option(names = "--address", description = "Address for cluster traffic. Default: 127.0.0.1")
    String clusterAddress = "127.0.0.1";

    @Option(names = "--cluster-port", description = "Port for cluster traffic; 0 picks a free one. Default: 0")
    int clusterPort = 0;

    @Option(names = "--join", split = ",", description = "HOST:PORT of existing members to join; none starts a new cluster.")
    List<String> join = List.of();

    @Option(names = "--store", description = "Journal: 'embedded' (synced files under --data) or a jdbc:postgresql:// URL. Default: embedded")
    String store = "";

    @Option(names = "--config", description = "Extra HOCON config layered over the defaults (see conf/coxswain.conf).")
    Path config;

    @Option(names = "--runtime", description = "Container runtime: auto (Docker when a daemon answers, else simulated), docker or simulated. Default: auto")
    String runtime = "";

    @Override
    public Integer call() throws Exception {
      java.util.Map<String, Object> overrides = runtime.isBlank() ? java.util.Map.of()
          : java.util.Map.of("coxswain.node.runtime", runtime);
      NodeSettings settings = new NodeSettings(nodeName, nodeLabels, data, apiAddress, apiPort, clusterAddress, clusterPort, join, store, config, overrides);
      CoxswainNode node = CoxswainNode.start(settings);
      System.out.println("Coxswain is running. API: " + node.apiUrl());
      System.out.println("  kubectl --server " + node.apiUrl() + " get namespaces");
      System.out.flush();
      // SIGTERM / Ctrl-C run CoordinatedShutdown through Pekko's JVM shutdown hook.
      node.system().getWhenTerminated().toCompletableFuture().join();
      return 0;
    }
  }
}
