package io.coxswain.node.runtime.docker;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a node agent uses its Docker Engine: the daemon's address, the bridge network its pods live
 * on (with this node's pod subnet), the pause image and the busybox binary it is built from.
 */
public record DockerSettings(String host, String network, String podSubnet, String pauseImage, String busyboxImage,
                             Path busybox, Duration pullTimeout, Duration callTimeout) {

  /** From {@code coxswain.node}: the network defaults to {@code coxswain-<node>}. */
  public static DockerSettings fromConfig(Config node, String nodeName) {
    Config docker = node.getConfig("docker");
    String network = docker.getString("network").isBlank() ? "coxswain-" + nodeName : docker.getString("network");
    return new DockerSettings(docker.getString("host"), network, node.getString("pod-subnet"),
        docker.getString("pause-image"), docker.getString("busybox-image"), Path.of(docker.getString("busybox")), docker.getDuration("pull-timeout"),
        docker.getDuration("call-timeout"));
  }
}
