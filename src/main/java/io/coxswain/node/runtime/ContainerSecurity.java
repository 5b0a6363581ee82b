package io.coxswain.node.runtime;

import java.util.List;

/**
 * How one container runs, from the pod's and the container's securityContext merged as Kubernetes
 * merges them (the container's value wins; fsGroup and supplementalGroups are the pod's).
 *
 * @param runAsUser the uid the process runs as, or null for the image's user
 * @param runAsGroup the primary gid, or null for the image's
 * @param runAsNonRoot the runtime must refuse to start the container when its user would be root
 *     (uid 0), or cannot be known to be non-root (a user name rather than a number)
 * @param groups supplementary gids: supplementalGroups, then fsGroup
 * @param capAdd capabilities added, in Kubernetes' spelling (NET_ADMIN; CAP_ prefix allowed; ALL)
 * @param capDrop capabilities dropped
 * @param noNewPrivileges {@code allowPrivilegeEscalation: false}: the process may not gain privileges
 * @param seccomp null for the runtime's default profile, {@code "unconfined"}, or the node path of a
 *     Localhost profile's JSON file
 */
public record ContainerSecurity(Long runAsUser, Long runAsGroup, boolean runAsNonRoot, List<Long> groups,
                                boolean readOnlyRootFilesystem, List<String> capAdd, List<String> capDrop,
                                boolean privileged, boolean noNewPrivileges, String seccomp) {
  public static final ContainerSecurity DEFAULT = new ContainerSecurity(null, null, false, List.of(), false,
      List.of(), List.of(), false, false, null);

  public ContainerSecurity {
    groups = List.copyOf(groups);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
  }
}
