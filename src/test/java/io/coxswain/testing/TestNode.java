package io.coxswain.testing;

import io.coxswain.cluster.CoxswainNode;
import io.coxswain.cluster.NodeSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real single-member Coxswain (store, watch cache, HTTP API) in this JVM, on a free port. */
public final class TestNode implements AutoCloseable {
  private final CoxswainNode node;
  private final Path dataDir;

  private TestNode(CoxswainNode node, Path dataDir) {
    this.node = node;
    this.dataDir = dataDir;
  }

  public static TestNode start() {
    try {
      Path dir = Files.createTempDirectory("coxswain-test-");
      return new TestNode(CoxswainNode.start(NodeSettings.local(dir, 0)), dir);
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
