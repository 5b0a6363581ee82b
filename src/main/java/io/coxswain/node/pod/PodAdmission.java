package io.coxswain.node.pod;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Sysctl;
import java.util.Set;

/**
 * The kubelet's admission of a pod it is about to run, pure: a pod asking for a sysctl outside the
 * kubelet's default safe set (namespaced sysctls that cannot affect other pods) is refused before
 * anything starts, and ends Failed with reason SysctlForbidden, in the kubelet's words.
 */
final class PodAdmission {
  /** Kubernetes' safe sysctls (the kubelet allows these without --allowed-unsafe-sysctls). */
  static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
      "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start",
      "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
      "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem");

  record Rejection(String reason, String message) {}

  private PodAdmission() {}

  /** Why the node refuses the pod, or null when it admits it. */
  static Rejection check(Pod pod) {
    if (pod.spec().securityContext() == null) {
      return null;
    }
    for (Sysctl sysctl : pod.spec().securityContext().sysctls()) {
      String name = sysctl.name() == null ? "" : sysctl.name().replace('/', '.');
      if (!SAFE_SYSCTLS.contains(name)) {
        return new Rejection("SysctlForbidden", "Pod forbidden sysctl: \"" + sysctl.name() + "\" not allowlisted");
      }
    }
    return null;
  }
}
