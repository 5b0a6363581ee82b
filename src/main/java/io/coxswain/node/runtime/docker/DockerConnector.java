package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.util.List;

/**
 * Connects a node to its Docker Engine and prepares what pods need: the node's bridge network with
 * its pod subnet, the pause image, and a small busybox image to run things with (both built
 * locally from the host's static busybox when absent: no registry needed).
 */
public final class DockerConnector {
  /** The pause container's one job is to hold the namespaces; sleeping is all it does. */
  static final List<String> PAUSE_COMMAND = List.of("/bin/busybox", "sleep", "2147483647");

  private DockerConnector() {}

  /** A client for {@code host} (for example {@code unix:///var/run/docker.sock}). */
  public static DockerClient client(DockerSettings settings) {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(settings.host()).build();
    DockerHttpClient http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
        .maxConnections(64).connectionTimeout(java.time.Duration.ofSeconds(5))
        .responseTimeout(settings.callTimeout()).build();
    return DockerClientImpl.getInstance(config, http);
  }

  /**
   * Reaches the daemon.
   *
   * @throws DockerUnavailable when no daemon answers at the settings' address
   */
  public static DockerClient reach(DockerSettings settings) throws DockerUnavailable {
    DockerClient docker = client(settings);
    try {
      docker.pingCmd().exec();
      return docker;
    } catch (RuntimeException e) {
      closeQuietly(docker);
      throw new DockerUnavailable("no Docker daemon answers at " + settings.host() + ": " + DockerErrors.message(e));
    }
  }

  /**
   * Prepares the node on a daemon that answers: its network with the settings' pod subnet, the
   * pause image and the busybox image.
   *
   * @throws NotPrepared naming what failed; the daemon is there, so the node must not pretend
   *                     to run pods on another runtime
   */
  public static DockerRuntime prepare(DockerClient docker, DockerSettings settings, String nodeName)
      throws NotPrepared {
    try {
      String version = docker.versionCmd().exec().getVersion();
      DockerNetworks.ensure(docker, settings, nodeName);
      BusyboxImage.ensure(docker, settings.pauseImage(), settings.busybox(), PAUSE_COMMAND);
      if (!settings.busyboxImage().isBlank()) {
        BusyboxImage.ensure(docker, settings.busyboxImage(), settings.busybox(), List.of("/bin/sh"));
      }
      return new DockerRuntime(docker, settings, version);
    } catch (IOException | RuntimeException e) {
      closeQuietly(docker);
      throw new NotPrepared("the Docker daemon at " + settings.host() + " answers, but node " + nodeName
          + " cannot be prepared on it: " + DockerErrors.message(e));
    }
  }

  private static void closeQuietly(DockerClient docker) {
    try {
      docker.close();
    } catch (IOException ignored) {
      // nothing to release
    }
  }

  /** A daemon answers but the node cannot be set up on it; the message says why. */
  public static final class NotPrepared extends Exception {
    public NotPrepared(String message) {
      super(message);
    }
  }

  /** No Docker daemon answers; the message says why. */
  public static final class DockerUnavailable extends Exception {
    public DockerUnavailable(String message) {
      super(message);
    }
  }
}
