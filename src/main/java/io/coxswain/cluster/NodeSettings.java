package io.coxswain.cluster;

import java.nio.file.Path;
import java.util.List;

/** How one member starts: where its data and API live, and which cluster it joins. */
public record NodeSettings(
    Path dataDir,
    String apiAddress,
    int apiPort,
    String clusterAddress,
    int clusterPort,
    List<String> join,
    String journalUrl,
    Path configFile) {

  public NodeSettings {
    join = List.copyOf(join);
  }

  public static NodeSettings local(Path dataDir, int apiPort) {
    return new NodeSettings(dataDir, "127.0.0.1", apiPort, "127.0.0.1", 0, List.of(), "", null);
  }
}
