package io.coxswain.testing;

import io.coxswain.cluster.CoxswainNode;
import io.coxswain.cluster.NodeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import io.coxswain.store.ResourceKey;
import org.awaitility.Awaitility;

/** A real single-member Coxswain (store, watch cache, HTTP API) in this JVM, on a free port. */
public final class TestNode implements AutoCloseable {
  private final CoxswainNode node;
  private final Path dataDir;

  private TestNode(CoxswainNode node, Path dataDir) {
    this.node = node;
    this.dataDir = dataDir;
  }

  public static TestNode start() {
    return start(Map.of());
  }

  /** A node with config keys overridden (e.g. a short bookmark interval). */
  public static TestNode start(Map<String, Object> overrides) {
    try {
      return start(Files.createTempDirectory("coxswain-test-"), overrides);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A node on an existing data directory: a restart of an earlier node. Returns once this member
   * has registered its Node, so tests that count revisions do not race the first heartbeat.
   */
  public static TestNode start(Path dir, Map<String, Object> overrides) {
    return start(dir, NodeSettings.defaultNodeName(), overrides);
  }

  /** A node with its own name (the Docker tests use one, so their containers are told apart). */
  public static TestNode named(String nodeName, Map<String, Object> overrides) {
    try {
      return start(Files.createTempDirectory("coxswain-test-"), nodeName, overrides);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TestNode start(Path dir, String nodeName, Map<String, Object> overrides) {
    try {
      Map<String, Object> settings = new java.util.HashMap<>(overrides);
      settings.putIfAbsent("coxswain.node.runtime", "simulated"); // Docker only where a test asks for it
      CoxswainNode node = CoxswainNode.start(NodeSettings.local(dir, 0).withNodeName(nodeName).withOverrides(settings));
      ResourceKey self = ResourceKey.clusterScoped("nodes", nodeName);
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> node.store().cache().view().get(self) != null);
      return new TestNode(node, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("test node did not start", e);
    }
  }

  public String url() {
    return node.apiUrl();
  }

  public CoxswainNode node() {
    return node;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    try {
      node.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
