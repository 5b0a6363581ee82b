package io.coxswain.node.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.coxswain.node.runtime.ContainerSecurity;
import io.coxswain.node.runtime.RuntimeFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A container's {@link ContainerSecurity} in Docker's terms: the user ({@code uid[:gid]}), extra
 * groups, a read-only root filesystem, capabilities, privileged mode, {@code no-new-privileges}
 * and the seccomp profile (Docker's API takes a profile's JSON itself). runAsNonRoot is checked
 * here as the kubelet checks it, against the uid the container would run as.
 */
final class DockerSecurity {
  private DockerSecurity() {}

  /**
   * Sets the security of a container about to be created.
   *
   * @throws RuntimeFailure CreateContainerConfigError when runAsNonRoot cannot hold; CreateContainerError
   *     for an unknown capability or an unreadable Localhost seccomp profile
   */
  static void apply(DockerClient docker, String image, ContainerSecurity security, CreateContainerCmd create,
      HostConfig host) throws RuntimeFailure {
    String user = user(docker, image, security);
    if (user != null) {
      create.withUser(user);
    }
    if (!security.groups().isEmpty()) {
      host.withGroupAdd(security.groups().stream().map(String::valueOf).toList());
    }
    if (security.readOnlyRootFilesystem()) {
      host.withReadonlyRootfs(true);
    }
    if (security.privileged()) {
      host.withPrivileged(true);
    }
    if (!security.capAdd().isEmpty()) {
      host.withCapAdd(capabilities(security.capAdd()));
    }
    if (!security.capDrop().isEmpty()) {
      host.withCapDrop(capabilities(security.capDrop()));
    }
    List<String> options = new ArrayList<>();
    if (security.noNewPrivileges()) {
      options.add("no-new-privileges");
    }
    if (security.seccomp() != null) {
      options.add("seccomp=" + seccomp(security.seccomp()));
    }
    if (!options.isEmpty()) {
      host.withSecurityOpts(options);
    }
  }

  /**
   * The user to run as: {@code uid} or {@code uid:gid}; with only runAsGroup, the image's user
   * with that group. Null keeps the image's user. runAsNonRoot refuses uid 0, and a user name it
   * cannot know to be non-root, in the kubelet's words.
   */
  private static String user(DockerClient docker, String image, ContainerSecurity security) throws RuntimeFailure {
    Long uid = security.runAsUser();
    String imageUser = uid == null && (security.runAsNonRoot() || security.runAsGroup() != null)
        ? imageUser(docker, image) : null;
    if (security.runAsNonRoot()) {
      if (uid != null && uid == 0) {
        throw new RuntimeFailure("CreateContainerConfigError", "container's runAsUser breaks non-root policy");
      }
      if (uid == null) {
        String name = imageUser == null || imageUser.isEmpty() ? "0" : imageUser.split(":", 2)[0];
        if (!name.chars().allMatch(Character::isDigit)) {
          throw new RuntimeFailure("CreateContainerConfigError", "container has runAsNonRoot and image has "
              + "non-numeric user (" + name + "), cannot verify user is non-root");
        }
        if (Long.parseLong(name) == 0) {
          throw new RuntimeFailure("CreateContainerConfigError",
              "container has runAsNonRoot and image will run as root");
        }
      }
    }
    if (uid != null) {
      return security.runAsGroup() == null ? Long.toString(uid) : uid + ":" + security.runAsGroup();
    }
    if (security.runAsGroup() != null) {
      String name = imageUser == null || imageUser.isEmpty() ? "0" : imageUser.split(":", 2)[0];
      return name + ":" + security.runAsGroup();
    }
    return null;
  }

  private static String imageUser(DockerClient docker, String image) throws RuntimeFailure {
    try {
      var config = docker.inspectImageCmd(image).exec().getConfig();
      return config == null ? null : config.getUser();
    } catch (DockerException e) {
      throw new RuntimeFailure("CreateContainerError", DockerErrors.message(e));
    }
  }

  /** Kubernetes spells capabilities with or without {@code CAP_}; Docker's client library without. */
  private static Capability[] capabilities(List<String> names) throws RuntimeFailure {
    Capability[] out = new Capability[names.size()];
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
      try {
        out[i] = Capability.valueOf(name);
      } catch (IllegalArgumentException unknown) {
        throw new RuntimeFailure("CreateContainerError", "unknown capability \"" + names.get(i) + "\"");
      }
    }
    return out;
  }

  private static String seccomp(String profile) throws RuntimeFailure {
    if ("unconfined".equals(profile)) {
      return profile;
    }
    try {
      return Files.readString(Path.of(profile));
    } catch (IOException e) {
      throw new RuntimeFailure("CreateContainerError", "cannot load seccomp profile \"" + profile + "\": "
          + e.getMessage());
    }
  }
}
