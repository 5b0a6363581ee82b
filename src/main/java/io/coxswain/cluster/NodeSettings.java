package io.coxswain.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** How one member starts: where its data and API live, and which cluster it joins. */
public record NodeSettings(
    String nodeName,
    Map<String, String> nodeLabels,
    Path dataDir,
    String apiAddress,
    int apiPort,
    String clusterAddress,
    int clusterPort,
    List<String> join,
    String journalUrl,
    Path configFile,
    Map<String, Object> overrides) {

  public NodeSettings {
    join = List.copyOf(join);
    nodeLabels = Map.copyOf(nodeLabels);
    overrides = Map.copyOf(overrides);
  }

  public static NodeSettings local(Path dataDir, int apiPort) {
    return new NodeSettings(defaultNodeName(), Map.of(), dataDir, "127.0.0.1", apiPort, "127.0.0.1", 0, List.of(), "",
        null, Map.of());
  }

  /** The same member with config keys set (tests use this for short intervals and small windows). */
  public NodeSettings withOverrides(Map<String, Object> values) {
    return new NodeSettings(nodeName, nodeLabels, dataDir, apiAddress, apiPort, clusterAddress, clusterPort, join,
        journalUrl, configFile, values);
  }

  public NodeSettings withNodeName(String name) {
    return new NodeSettings(name, nodeLabels, dataDir, apiAddress, apiPort, clusterAddress, clusterPort, join,
        journalUrl, configFile, overrides);
  }

  /** The host name, lower-cased, as Kubernetes names a node by default. */
  public static String defaultNodeName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }
}
