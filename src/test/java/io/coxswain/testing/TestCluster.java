package io.coxswain.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Members as separate JVMs on loopback, one cluster sharing a PostgreSQL journal: member i is
 * node {@code n<i>}, the first is the seed (and, being the oldest, hosts the singletons). Members
 * are started one after another so the seed is up before the others join.
 */
public final class TestCluster implements AutoCloseable {
  private final String journal;
  private final List<Integer> clusterPorts = new ArrayList<>();
  private final List<ServerProcess> members = new ArrayList<>();
  private final List<String> settings;
  private final String runtime;

  private TestCluster(String journal, List<String> settings, String runtime) {
    this.journal = journal;
    this.settings = settings;
    this.runtime = runtime;
  }

  /**
   * Starts {@code size} members. {@code settings} are {@code -D} flags for every member;
   * {@code runtime} is docker or simulated. Member i gets pod subnet 10.244.(10+i).0/24.
   */
  public static TestCluster start(int size, String runtime, List<String> settings) throws IOException {
    TestCluster cluster = new TestCluster(TestPostgres.freshDatabase(), settings, runtime);
    try {
      for (int i = 0; i < size; i++) {
        cluster.clusterPorts.add(freePort());
      }
      for (int i = 0; i < size; i++) {
        cluster.members.add(cluster.startMember(i));
      }
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private ServerProcess startMember(int i) throws IOException {
    List<String> props = new ArrayList<>(settings);
    props.add("-Dcoxswain.node.pod-subnet=10.244." + (10 + i) + ".0/24");
    List<String> args = new ArrayList<>(List.of("--node-name", nodeName(i), "--cluster-port",
        Integer.toString(clusterPorts.get(i)), "--store", journal, "--runtime", runtime));
    if (i > 0) {
      args.addAll(List.of("--join", "127.0.0.1:" + clusterPorts.get(0)));
    }
    Path data = Files.createTempDirectory("coxswain-member-" + i + "-");
    return ServerProcess.member(data, props, args.toArray(String[]::new));
  }

  public static String nodeName(int i) {
    return "n" + (i + 1);
  }

  public ServerProcess member(int i) {
    return members.get(i);
  }

  public int size() {
    return members.size();
  }

  public void kill9(int i) throws InterruptedException {
    members.get(i).kill9();
  }

  @Override
  public void close() {
    for (ServerProcess member : members) {
      try {
        member.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    TestPostgres.drop(journal);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
