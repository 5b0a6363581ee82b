package io.coxswain.node.runtime.docker;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a node agent uses its Docker Engine: the daemon's address, the bridge network its pods live
 * on (with this node's pod subnet), the pause image and the busybox binary it is built from, and
 * how old a network left by a node that is gone must be before it is removed.
 */
public record DockerSettings(String host, String network, String podSubnet, String pauseImage, String busyboxImage,
                             Path busybox, Duration pullTimeout, Duration callTimeout, Duration networkSettle) {

  /** This node's settings with its claimed pod range. */
  public DockerSettings withPodSubnet(String v) {
    return new DockerSettings(host, network, v, pauseImage, busyboxImage, busybox, pullTimeout, callTimeout,
        networkSettle);
  }

  /** From {@code coxswain.node}: the network defaults to {@code coxswain-<node>}. */
  public static DockerSettings fromConfig(Config node, String nodeName) {
    Config docker = node.getConfig("docker");
    String network = docker.getString("network").isBlank() ? "coxswain-" + nodeName : docker.getString("network");
    return new DockerSettings(docker.getString("host"), network, node.getString("pod-subnet"),
        docker.getString("pause-image"), docker.getString("busybox-image"), Path.of(docker.getString("busybox")), docker.getDuration("pull-timeout"),
        docker.getDuration("call-timeout"), docker.getDuration("network-settle"));
  }
}
