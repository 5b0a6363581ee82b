package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import io.coxswain.node.runtime.SandboxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pod's emptyDir as a Docker volume. {@code medium: Memory} is a tmpfs (the local driver's
 * {@code type=tmpfs}), limited to the volume's sizeLimit when it has one, as the kubelet sizes its
 * tmpfs. With an fsGroup the directory belongs to that group and is setgid, so files the pod's
 * containers make there keep the group (the kubelet's ownership management).
 */
final class EmptyDirs {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmptyDirs.class);
  private EmptyDirs() {}

  static void create(DockerClient docker, String name, Map<String, String> labels, SandboxConfig.EmptyDir emptyDir,
      Long fsGroup) {
    var create = docker.createVolumeCmd().withName(name).withLabels(labels);
    if (emptyDir.memory()) {
      StringBuilder options = new StringBuilder("mode=").append(fsGroup == null ? "1777" : "2777");
      if (emptyDir.sizeLimitBytes() != null && emptyDir.sizeLimitBytes() > 0) {
        options.append(",size=").append(emptyDir.sizeLimitBytes());
      }
      if (fsGroup != null) {
        options.append(",gid=").append(fsGroup);
      }
      Map<String, String> driver = new LinkedHashMap<>();
      driver.put("type", "tmpfs");
      driver.put("device", "tmpfs");
      driver.put("o", options.toString());
      create.withDriver("local").withDriverOpts(driver);
      create.exec();
      return;
    }
    String mountpoint = create.exec().getMountpoint();
    if (mountpoint != null && !mountpoint.isEmpty()) {
      own(Path.of(mountpoint), fsGroup);
    }
  }

  /** Kubernetes makes an emptyDir world-writable; with an fsGroup, group-owned and setgid too. */
  private static void own(Path dir, Long fsGroup) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      if (fsGroup != null) {
        Files.setAttribute(dir, "unix:gid", fsGroup.intValue());
        // setgid is not a PosixFilePermission: set the whole mode through the unix view.
        Files.setAttribute(dir, "unix:mode", 02777);
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      if (fsGroup != null) {
        throw new IllegalStateException("cannot give emptyDir " + dir + " to fsGroup " + fsGroup + ": " + e, e);
      }
      // A daemon whose volumes this process cannot reach (rootless, remote): the volume keeps the daemon's mode.
      log.warn("emptyDir {} keeps its mode: {}", dir, e.toString());
    }
  }
}
