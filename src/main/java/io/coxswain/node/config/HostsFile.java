package io.coxswain.node.config;

import io.coxswain.api.core.HostAlias;
import io.coxswain.api.core.Pod;

/**
 * A pod's {@code /etc/hosts} as the kubelet writes it: the loopback and IPv6 lines, the pod's own
 * address under its hostname (and {@code <hostname>.<subdomain>.<ns>.svc.<domain>} when it has a
 * subdomain), then the {@code hostAliases} of its spec under their own heading. A host-network pod
 * gets the node's own file with its aliases after it. Every container of the pod mounts the same
 * file. Pure.
 */
public final class HostsFile {
  /** Kubernetes truncates a hostname to a DNS label's 63 characters. */
  private static final int MAX_HOSTNAME = 63;

  private HostsFile() {}

  /**
   * @param podIp the pod's address, or null when it has none yet (its own line is left out)
   * @param domain the cluster domain ({@code cluster.local})
   * @param nodeHosts the node's own /etc/hosts text (for host-network pods)
   */
  public static String render(Pod pod, String podIp, String domain, String nodeHosts) {
    StringBuilder file = new StringBuilder();
    if (pod.spec().hostNetworkOrFalse()) {
      file.append(nodeHosts == null ? "" : nodeHosts);
      if (file.length() > 0 && file.charAt(file.length() - 1) != '\n') {
        file.append('\n');
      }
    } else {
      file.append("# Kubernetes-managed hosts file.\n")
          .append("127.0.0.1\tlocalhost\n")
          .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
          .append("fe00::0\tip6-localnet\n")
          .append("fe00::0\tip6-mcastprefix\n")
          .append("fe00::1\tip6-allnodes\n")
          .append("fe00::2\tip6-allrouters\n");
      if (podIp != null && !podIp.isEmpty()) {
        String hostname = hostname(pod);
        String subdomain = pod.spec().subdomain();
        if (subdomain != null && !subdomain.isEmpty()) {
          file.append(podIp).append('\t').append(hostname).append('.').append(subdomain).append('.')
              .append(pod.metadata().namespace()).append(".svc.").append(domain).append('\t').append(hostname)
              .append('\n');
        } else {
          file.append(podIp).append('\t').append(hostname).append('\n');
        }
      }
    }
    if (!pod.spec().hostAliases().isEmpty()) {
      file.append("\n# Entries added by HostAliases.\n");
      for (HostAlias alias : pod.spec().hostAliases()) {
        file.append(alias.ip()).append('\t').append(String.join("\t", alias.hostnames())).append('\n');
      }
    }
    return file.toString();
  }

  /** {@code spec.hostname}, else the pod's name, at most 63 characters and never ending in '-' or '.'. */
  public static String hostname(Pod pod) {
    String name = pod.spec().hostname() != null && !pod.spec().hostname().isEmpty() ? pod.spec().hostname()
        : pod.metadata().name();
    if (name.length() > MAX_HOSTNAME) {
      name = name.substring(0, MAX_HOSTNAME);
      while (name.endsWith("-") || name.endsWith(".")) {
        name = name.substring(0, name.length() - 1);
      }
    }
    return name;
  }
}
