package io.coxswain.api.validation;

import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.PodSecurityContext;
import io.coxswain.api.core.SeccompProfile;
import io.coxswain.api.core.SecurityContext;
import java.util.List;

/**
 * Kubernetes' checks of a pod's and a container's securityContext, in its words: user and group
 * ids in range, seccomp profile types and a Localhost profile that is a relative path below the
 * node's profile directory, procMount values, and privileges that contradict each other.
 */
final class SecurityContextChecks {
  private static final long MAX_ID = 2147483647L;
  private static final List<String> SECCOMP_TYPES = List.of("Localhost", "RuntimeDefault", "Unconfined");
  private static final List<String> PROC_MOUNTS = List.of("Default", "Unmasked");

  private SecurityContextChecks() {}

  static void pod(PodSecurityContext context, String path, List<StatusCause> out) {
    if (context == null) {
      return;
    }
    id(context.runAsUser(), path + ".runAsUser", out);
    id(context.runAsGroup(), path + ".runAsGroup", out);
    id(context.fsGroup(), path + ".fsGroup", out);
    for (int i = 0; i < context.supplementalGroups().size(); i++) {
      id(context.supplementalGroups().get(i), path + ".supplementalGroups[" + i + "]", out);
    }
    seccomp(context.seccompProfile(), path + ".seccompProfile", out);
  }

  static void container(SecurityContext context, String path, List<StatusCause> out) {
    if (context == null) {
      return;
    }
    id(context.runAsUser(), path + ".runAsUser", out);
    id(context.runAsGroup(), path + ".runAsGroup", out);
    seccomp(context.seccompProfile(), path + ".seccompProfile", out);
    if (context.procMount() != null && !PROC_MOUNTS.contains(context.procMount())) {
      out.add(Causes.notSupported(path + ".procMount", context.procMount(), PROC_MOUNTS));
    }
    if (Boolean.FALSE.equals(context.allowPrivilegeEscalation())) {
      if (Boolean.TRUE.equals(context.privileged())) {
        out.add(Causes.invalid(path, context, "cannot set `allowPrivilegeEscalation` to false and `privileged` to "
            + "true"));
      }
      if (context.capabilities() != null && context.capabilities().add().stream()
          .anyMatch(c -> c.equals("SYS_ADMIN") || c.equals("CAP_SYS_ADMIN"))) {
        out.add(Causes.invalid(path, context, "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` "
            + "CAP_SYS_ADMIN"));
      }
    }
  }

  private static void id(Long id, String path, List<StatusCause> out) {
    if (id != null && (id < 0 || id > MAX_ID)) {
      out.add(Causes.invalid(path, id, "must be between 0 and " + MAX_ID + ", inclusive"));
    }
  }

  private static void seccomp(SeccompProfile profile, String path, List<StatusCause> out) {
    if (profile == null) {
      return;
    }
    if (profile.type() == null || profile.type().isEmpty()) {
      out.add(Causes.required(path + ".type", ""));
      return;
    }
    if (!SECCOMP_TYPES.contains(profile.type())) {
      out.add(Causes.notSupported(path + ".type", profile.type(), SECCOMP_TYPES));
      return;
    }
    String local = profile.localhostProfile();
    if ("Localhost".equals(profile.type())) {
      if (local == null || local.isEmpty()) {
        out.add(Causes.required(path + ".localhostProfile", "must be set when seccomp type is Localhost"));
      } else if (local.startsWith("/")) {
        out.add(Causes.invalid(path + ".localhostProfile", local, "must be a relative path"));
      } else if (List.of(local.split("/")).contains("..")) {
        out.add(Causes.invalid(path + ".localhostProfile", local, "must not contain '..'"));
      }
    } else if (local != null) {
      out.add(Causes.invalid(path + ".localhostProfile", local, "can only be set when seccomp type is Localhost"));
    }
  }
}
