package io.coxswain.api.validation;

import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.ContainerPort;
import io.coxswain.api.core.PodSpec;
import io.coxswain.api.core.Toleration;
import io.coxswain.api.core.Volume;
import io.coxswain.api.core.VolumeMount;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes' ValidatePodSpec for the fields Coxswain models. Enum fields that defaulting fills
 * (restartPolicy, dnsPolicy, imagePullPolicy, protocol, ...) are checked when present and
 * accepted when absent, so validating an object that skipped defaulting does not report
 * "Required value" for things the server would have filled in.
 */
final class PodValidation {
  static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  static final List<String> TERMINATION_MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
  static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  static final List<String> HOST_PATH_TYPES = List.of("", "BlockDevice", "CharDevice", "Directory",
      "DirectoryOrCreate", "File", "FileOrCreate", "Socket");
  static final long MAX_UINT32 = 4294967295L;

  private PodValidation() {}

  /** @param path "spec" for a pod, "spec.template.spec" for a controller's template */
  static void spec(PodSpec spec, String path, List<StatusCause> out) {
    Set<String> volumeNames = volumes(spec.volumes(), path + ".volumes", out);
    if (spec.containers().isEmpty()) {
      out.add(Causes.required(path + ".containers", ""));
    }
    Set<String> containerNames = new HashSet<>();
    // As Kubernetes: app containers first, so a name both use is the init container's duplicate.
    Long hookGrace = spec.terminationGracePeriodSeconds() == null ? 30L : spec.terminationGracePeriodSeconds();
    containers(spec.containers(), path + ".containers", volumeNames, containerNames, hookGrace, out);
    containers(spec.initContainers(), path + ".initContainers", volumeNames, containerNames, hookGrace, out);
    restartRules(spec, path, out);
    SecurityContextChecks.pod(spec.securityContext(), path + ".securityContext", out);
    PodDnsChecks.check(spec, path, out);
    oneOf(spec.restartPolicy(), RESTART_POLICIES, path + ".restartPolicy", out);
    oneOf(spec.dnsPolicy(), DNS_POLICIES, path + ".dnsPolicy", out);
    MetaValidation.labels(spec.nodeSelector(), path + ".nodeSelector", out);
    named(spec.serviceAccountName(), Names::dns1123Subdomain, path + ".serviceAccountName", out);
    named(spec.nodeName(), Names::dns1123Subdomain, path + ".nodeName", out);
    named(spec.hostname(), Names::dns1123Label, path + ".hostname", out);
    named(spec.subdomain(), Names::dns1123Label, path + ".subdomain", out);
    Long deadline = spec.activeDeadlineSeconds();
    if (deadline != null && (deadline < 1 || deadline > MAX_UINT32)) {
      out.add(Causes.invalid(path + ".activeDeadlineSeconds", deadline,
          "must be between 1 and " + MAX_UINT32 + ", inclusive"));
    }
    Long grace = spec.terminationGracePeriodSeconds();
    if (grace != null && grace < 0) {
      out.add(Causes.invalid(path + ".terminationGracePeriodSeconds", grace, "must be greater than or equal to 0"));
    }
    tolerations(spec.tolerations(), path + ".tolerations", out);
    SchedulingGateChecks.names(spec.schedulingGates(), path + ".schedulingGates", out);
    AffinityChecks.affinity(spec.affinity(), path + ".affinity", out);
    if (spec.hostNetworkOrFalse()) {
      hostNetworkPorts(spec.containers(), path + ".containers", out);
    }
  }

  private static Set<String> volumes(List<Volume> volumes, String path, List<StatusCause> out) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < volumes.size(); i++) {
      Volume v = volumes.get(i);
      String at = path + "[" + i + "]";
      if (!MetaValidation.notEmpty(v.name())) {
        out.add(Causes.required(at + ".name", ""));
      } else {
        Names.dns1123Label(v.name()).forEach(m -> out.add(Causes.invalid(at + ".name", v.name(), m)));
        if (!names.add(v.name())) {
          out.add(Causes.duplicate(at + ".name", v.name()));
        }
      }
      if (v.sourceCount() == 0) {
        out.add(Causes.required(at, "must specify a volume type"));
      } else if (v.sourceCount() > 1) {
        out.add(Causes.forbidden(at, "may not specify more than 1 volume type"));
      }
      if (v.hostPath() != null) {
        if (!MetaValidation.notEmpty(v.hostPath().path())) {
          out.add(Causes.required(at + ".hostPath.path", ""));
        }
        if (v.hostPath().type() != null && !HOST_PATH_TYPES.contains(v.hostPath().type())) {
          out.add(Causes.notSupported(at + ".hostPath.type", v.hostPath().type(), HOST_PATH_TYPES));
        }
      }
      if (v.emptyDir() != null && v.emptyDir().sizeLimit() != null) {
        Resources.quantity(v.emptyDir().sizeLimit(), at + ".emptyDir.sizeLimit", out);
      }
      if (v.configMap() != null && !MetaValidation.notEmpty(v.configMap().name())) {
        out.add(Causes.required(at + ".configMap.name", ""));
      }
      if (v.secret() != null && !MetaValidation.notEmpty(v.secret().secretName())) {
        out.add(Causes.required(at + ".secret.secretName", ""));
      }
      if (v.persistentVolumeClaim() != null && !MetaValidation.notEmpty(v.persistentVolumeClaim().claimName())) {
        out.add(Causes.required(at + ".persistentVolumeClaim.claimName", ""));
      }
      if (v.projected() != null) {
        projectedTokens(v.projected().sources(), at + ".projected.sources", out);
      }
    }
    return names;
  }

  private static void containers(List<Container> containers, String path, Set<String> volumeNames,
      Set<String> allNames, Long gracePeriod, List<StatusCause> out) {
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      String at = path + "[" + i + "]";
      if (!MetaValidation.notEmpty(c.name())) {
        out.add(Causes.required(at + ".name", ""));
      } else {
        Names.dns1123Label(c.name()).forEach(m -> out.add(Causes.invalid(at + ".name", c.name(), m)));
        if (!allNames.add(c.name())) {
          out.add(Causes.duplicate(at + ".name", c.name()));
        }
      }
      if (!MetaValidation.notEmpty(c.image())) {
        out.add(Causes.required(at + ".image", ""));
      } else if (!c.image().equals(c.image().strip())) {
        out.add(Causes.invalid(at + ".image", c.image(), "must not have leading or trailing whitespace"));
      }
      oneOf(c.imagePullPolicy(), PULL_POLICIES, at + ".imagePullPolicy", out);
      oneOf(c.terminationMessagePolicy(), TERMINATION_MESSAGE_POLICIES, at + ".terminationMessagePolicy", out);
      ports(c.ports(), at + ".ports", out);
      ContainerChecks.env(c.env(), at + ".env", out);
      volumeMounts(c.volumeMounts(), at + ".volumeMounts", volumeNames, out);
      ContainerChecks.probe(c.livenessProbe(), at + ".livenessProbe", true, out);
      ContainerChecks.probe(c.readinessProbe(), at + ".readinessProbe", false, out);
      ContainerChecks.probe(c.startupProbe(), at + ".startupProbe", true, out);
      ContainerChecks.lifecycle(c.lifecycle(), gracePeriod < 0 ? null : gracePeriod, at + ".lifecycle", out);
      Resources.requirements(c.resourcesOrEmpty(), at + ".resources", out);
      SecurityContextChecks.container(c.securityContext(), at + ".securityContext", out);
    }
  }

  /** Kubernetes' checks of a projected service account token: a path, and a lifetime of 10 min to 2^32 s. */
  private static void projectedTokens(List<io.coxswain.api.core.VolumeProjection> sources, String path,
      List<StatusCause> out) {
    for (int i = 0; i < sources.size(); i++) {
      var token = sources.get(i).serviceAccountToken();
      if (token == null) {
        continue;
      }
      String at = path + "[" + i + "].serviceAccountToken";
      if (!MetaValidation.notEmpty(token.path())) {
        out.add(Causes.required(at + ".path", ""));
      } else if (token.path().startsWith("/") || List.of(token.path().split("/")).contains("..")) {
        out.add(Causes.invalid(at + ".path", token.path(), "must be a relative path without '..'"));
      }
      Long seconds = token.expirationSeconds();
      if (seconds != null && seconds < 600) {
        out.add(Causes.invalid(at + ".expirationSeconds", seconds, "may not specify a duration less than 10 minutes"));
      } else if (seconds != null && seconds > (1L << 32)) {
        out.add(Causes.invalid(at + ".expirationSeconds", seconds, "may not specify a duration larger than 2^32 "
            + "seconds"));
      }
    }
  }

  /**
   * Kubernetes' rules for container restartPolicy: only an init container may set it, and only to
   * Always (a sidecar); a regular init container runs to completion, so it may have no lifecycle
   * hooks and no probes.
   */
  private static void restartRules(PodSpec spec, String path, List<StatusCause> out) {
    for (int i = 0; i < spec.initContainers().size(); i++) {
      Container c = spec.initContainers().get(i);
      String at = path + ".initContainers[" + i + "]";
      if (c.restartPolicy() != null && !"Always".equals(c.restartPolicy())) {
        out.add(Causes.notSupported(at + ".restartPolicy", c.restartPolicy(), List.of("Always")));
      }
      if ("Always".equals(c.restartPolicy())) {
        continue;
      }
      String detail = "may not be set for init containers without restartPolicy=Always";
      if (c.lifecycle() != null) {
        out.add(Causes.forbidden(at + ".lifecycle", detail));
      }
      if (c.livenessProbe() != null) {
        out.add(Causes.forbidden(at + ".livenessProbe", detail));
      }
      if (c.readinessProbe() != null) {
        out.add(Causes.forbidden(at + ".readinessProbe", detail));
      }
      if (c.startupProbe() != null) {
        out.add(Causes.forbidden(at + ".startupProbe", detail));
      }
    }
    for (int i = 0; i < spec.containers().size(); i++) {
      if (spec.containers().get(i).restartPolicy() != null) {
        out.add(Causes.forbidden(path + ".containers[" + i + "].restartPolicy", "may not be set for non-init containers"));
      }
    }
  }

  private static void ports(List<ContainerPort> ports, String path, List<StatusCause> out) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ContainerPort p = ports.get(i);
      String at = path + "[" + i + "]";
      if (MetaValidation.notEmpty(p.name())) {
        List<String> errs = Names.portName(p.name());
        errs.forEach(m -> out.add(Causes.invalid(at + ".name", p.name(), m)));
        if (errs.isEmpty() && !names.add(p.name())) {
          out.add(Causes.duplicate(at + ".name", p.name()));
        }
      }
      if (p.containerPort() == null || p.containerPort() == 0) {
        out.add(Causes.required(at + ".containerPort", ""));
      } else {
        Names.portNumber(p.containerPort())
            .forEach(m -> out.add(Causes.invalid(at + ".containerPort", p.containerPort(), m)));
      }
      if (p.hostPort() != null && p.hostPort() != 0) {
        Names.portNumber(p.hostPort()).forEach(m -> out.add(Causes.invalid(at + ".hostPort", p.hostPort(), m)));
      }
      oneOf(p.protocol(), PROTOCOLS, at + ".protocol", out);
    }
  }

  private static void volumeMounts(List<VolumeMount> mounts, String path, Set<String> volumeNames,
      List<StatusCause> out) {
    Set<String> mountPaths = new HashSet<>();
    for (int i = 0; i < mounts.size(); i++) {
      VolumeMount m = mounts.get(i);
      String at = path + "[" + i + "]";
      if (!MetaValidation.notEmpty(m.name())) {
        out.add(Causes.required(at + ".name", ""));
      } else if (!volumeNames.contains(m.name())) {
        out.add(Causes.notFound(at + ".name", m.name()));
      }
      if (!MetaValidation.notEmpty(m.mountPath())) {
        out.add(Causes.required(at + ".mountPath", ""));
      } else if (!mountPaths.add(m.mountPath())) {
        out.add(Causes.invalid(at + ".mountPath", m.mountPath(), "must be unique"));
      }
      String sub = m.subPath();
      if (MetaValidation.notEmpty(sub)) {
        if (sub.startsWith("/")) {
          out.add(Causes.invalid(at + ".subPath", sub, "must be a relative path"));
        }
        if (List.of(sub.split("/")).contains("..")) {
          out.add(Causes.invalid(at + ".subPath", sub, "must not contain '..'"));
        }
      }
    }
  }

  static void tolerations(List<Toleration> tolerations, String path, List<StatusCause> out) {
    for (int i = 0; i < tolerations.size(); i++) {
      Toleration t = tolerations.get(i);
      String at = path + "[" + i + "]";
      String key = orEmpty(t.key());
      String op = orEmpty(t.operator());
      if (!key.isEmpty()) {
        Names.qualifiedName(key).forEach(m -> out.add(Causes.invalid(at + ".key", key, m)));
      }
      if (key.isEmpty() && !op.equals("Exists")) {
        out.add(Causes.invalid(at + ".operator", op, "operator must be Exists when `key` is empty, which means "
            + "\"match all values and all keys\""));
      }
      if (t.tolerationSeconds() != null && !"NoExecute".equals(t.effect())) {
        out.add(Causes.invalid(at + ".effect", orEmpty(t.effect()),
            "effect must be 'NoExecute' when `tolerationSeconds` is set"));
      }
      switch (op) {
        case "", "Equal" -> {
          List<String> errs = Names.labelValue(orEmpty(t.value()));
          if (!errs.isEmpty()) {
            out.add(Causes.invalid(at + ".operator", orEmpty(t.value()), String.join(";", errs)));
          }
        }
        case "Exists" -> {
          if (MetaValidation.notEmpty(t.value())) {
            out.add(Causes.invalid(at + ".operator", t.value(), "value must be empty when `operator` is 'Exists'"));
          }
        }
        default -> out.add(Causes.notSupported(at + ".operator", op, List.of("Equal", "Exists")));
      }
      if (MetaValidation.notEmpty(t.effect()) && !TAINT_EFFECTS.contains(t.effect())) {
        out.add(Causes.notSupported(at + ".effect", t.effect(), TAINT_EFFECTS));
      }
    }
  }

  private static void hostNetworkPorts(List<Container> containers, String path, List<StatusCause> out) {
    for (int i = 0; i < containers.size(); i++) {
      List<ContainerPort> ports = containers.get(i).ports();
      for (int j = 0; j < ports.size(); j++) {
        ContainerPort p = ports.get(j);
        int host = p.hostPort() == null ? 0 : p.hostPort();
        int container = p.containerPort() == null ? 0 : p.containerPort();
        if (host != 0 && host != container) {
          out.add(Causes.invalid(path + "[" + i + "].ports[" + j + "].hostPort", host,
              "must match `containerPort` when `hostNetwork` is true"));
        }
      }
    }
  }

  /** A present value must be one of the supported ones; absent values are left to defaulting. */
  static void oneOf(String value, List<String> supported, String path, List<StatusCause> out) {
    if (MetaValidation.notEmpty(value) && !supported.contains(value)) {
      out.add(Causes.notSupported(path, value, supported));
    }
  }

  /** An optional name: checked only when set (absent names are not errors, and cost nothing). */
  private static void named(String value, java.util.function.Function<String, List<String>> rule, String path,
      List<StatusCause> out) {
    if (MetaValidation.notEmpty(value)) {
      rule.apply(value).forEach(m -> out.add(Causes.invalid(path, value, m)));
    }
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
