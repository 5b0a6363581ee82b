package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.coxswain.node.runtime.RuntimeLabels;
import java.io.IOException;
import java.util.List;
import java.util.Map;

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

  /** Reaches the daemon and prepares the node; fails with a message naming what is missing. */
  public static DockerRuntime connect(DockerSettings settings, String nodeName) throws DockerUnavailable {
    DockerClient docker = client(settings);
    String version;
    try {
      docker.pingCmd().exec();
      version = docker.versionCmd().exec().getVersion();
    } catch (RuntimeException e) {
      closeQuietly(docker);
      throw new DockerUnavailable("no Docker daemon answers at " + settings.host() + ": " + DockerErrors.message(e));
    }
    try {
      ensureNetwork(docker, settings, nodeName);
      BusyboxImage.ensure(docker, settings.pauseImage(), settings.busybox(), PAUSE_COMMAND);
      if (!settings.busyboxImage().isBlank()) {
        BusyboxImage.ensure(docker, settings.busyboxImage(), settings.busybox(), List.of("/bin/sh"));
      }
    } catch (IOException | DockerException e) {
      closeQuietly(docker);
      throw new DockerUnavailable("the Docker daemon at " + settings.host() + " answers, but the node cannot be "
          + "prepared: " + DockerErrors.message(e));
    }
    return new DockerRuntime(docker, settings, version);
  }

  private static void ensureNetwork(DockerClient docker, DockerSettings settings, String nodeName) {
    for (Network network : docker.listNetworksCmd().withNameFilter(settings.network()).exec()) {
      if (network.getName().equals(settings.network())) {
        return; // kept across restarts: its subnet is whatever it was made with
      }
    }
    docker.createNetworkCmd().withName(settings.network()).withDriver("bridge")
        .withLabels(Map.of(RuntimeLabels.NODE, nodeName))
        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(settings.podSubnet())))
        .exec();
  }

  private static void closeQuietly(DockerClient docker) {
    try {
      docker.close();
    } catch (IOException ignored) {
      // nothing to release
    }
  }

  /** No usable Docker daemon; the message says why. */
  public static final class DockerUnavailable extends Exception {
    public DockerUnavailable(String message) {
      super(message);
    }
  }
}
