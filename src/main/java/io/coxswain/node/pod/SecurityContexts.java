package io.coxswain.node.pod;

import io.coxswain.api.core.Container;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSecurityContext;
import io.coxswain.api.core.SeccompProfile;
import io.coxswain.api.core.SecurityContext;
import io.coxswain.node.runtime.ContainerSecurity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's effective security settings: its own securityContext over the pod's, as the
 * kubelet merges them (runAsUser, runAsGroup, runAsNonRoot and seccompProfile from the container
 * when it sets them, else the pod's; supplementalGroups and fsGroup only from the pod, the fsGroup
 * added to the container's groups). Pure.
 */
final class SecurityContexts {
  private SecurityContexts() {}

  /** @param seccompRoot the node directory of Localhost seccomp profiles (null: none on this node) */
  static ContainerSecurity merge(Pod pod, Container container, Path seccompRoot) {
    PodSecurityContext podContext = pod.spec().securityContext();
    SecurityContext own = container.securityContext();
    if (podContext == null && own == null) {
      return ContainerSecurity.DEFAULT;
    }
    PodSecurityContext p = podContext == null ? PodSecurityContext.builder().build() : podContext;
    SecurityContext c = own == null ? SecurityContext.builder().build() : own;
    List<Long> groups = new ArrayList<>(p.supplementalGroups());
    if (p.fsGroup() != null && !groups.contains(p.fsGroup())) {
      groups.add(p.fsGroup());
    }
    List<String> add = c.capabilities() == null ? List.of() : c.capabilities().add();
    List<String> drop = c.capabilities() == null ? List.of() : c.capabilities().drop();
    SeccompProfile seccomp = c.seccompProfile() != null ? c.seccompProfile() : p.seccompProfile();
    return new ContainerSecurity(
        c.runAsUser() != null ? c.runAsUser() : p.runAsUser(),
        c.runAsGroup() != null ? c.runAsGroup() : p.runAsGroup(),
        Boolean.TRUE.equals(c.runAsNonRoot() != null ? c.runAsNonRoot() : p.runAsNonRoot()),
        groups, Boolean.TRUE.equals(c.readOnlyRootFilesystem()), add == null ? List.of() : add,
        drop == null ? List.of() : drop, Boolean.TRUE.equals(c.privileged()),
        Boolean.FALSE.equals(c.allowPrivilegeEscalation()), seccomp(seccomp, seccompRoot));
  }

  /**
   * RuntimeDefault (and no profile) leaves the runtime's default; Unconfined turns filtering off;
   * Localhost names a JSON profile under the node's profile directory.
   */
  private static String seccomp(SeccompProfile profile, Path root) {
    if (profile == null || profile.type() == null || "RuntimeDefault".equals(profile.type())) {
      return null;
    }
    if ("Unconfined".equals(profile.type())) {
      return "unconfined";
    }
    String local = profile.localhostProfile() == null ? "" : profile.localhostProfile();
    if (root == null) {
      return "/nonexistent/no-seccomp-profiles-on-this-node"; // reading it fails: CreateContainerError
    }
    Path file = root.resolve(local).normalize();
    // Validation refuses absolute paths and "..": never read outside the profile directory either way.
    return file.startsWith(root.normalize()) ? file.toString() : root.resolve("refused-path").toString();
  }
}
