package io.coxswain.api.validation;

import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.EnvVar;
import io.coxswain.api.core.EnvVarSource;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.Probe;
import java.util.List;

/** Kubernetes' checks for a container's environment and probes. */
final class ContainerChecks {
  /** The downward-API fields an env var may reference (labels/annotations take a key in brackets). */
  static final List<String> ENV_FIELD_PATHS = List.of("metadata.name", "metadata.namespace", "metadata.uid",
      "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP",
      "status.podIPs");

  private ContainerChecks() {}

  static void env(List<EnvVar> env, String path, List<StatusCause> out) {
    for (int i = 0; i < env.size(); i++) {
      EnvVar e = env.get(i);
      String at = path + "[" + i + "]";
      if (!MetaValidation.notEmpty(e.name())) {
        out.add(Causes.required(at + ".name", ""));
      } else {
        Names.envVarName(e.name()).forEach(m -> out.add(Causes.invalid(at + ".name", e.name(), m)));
      }
      if (e.valueFrom() != null) {
        valueFrom(e, at + ".valueFrom", out);
      }
    }
  }

  private static void valueFrom(EnvVar e, String path, List<StatusCause> out) {
    EnvVarSource from = e.valueFrom();
    int sources = (from.fieldRef() == null ? 0 : 1) + (from.resourceFieldRef() == null ? 0 : 1)
        + (from.configMapKeyRef() == null ? 0 : 1) + (from.secretKeyRef() == null ? 0 : 1)
        + (from.fileKeyRef() == null ? 0 : 1);
    if (sources == 0) {
      out.add(Causes.invalid(path, "",
          "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
      return;
    }
    if (sources > 1) {
      out.add(Causes.invalid(path, "", "may not have more than one field specified at a time"));
      return;
    }
    if (MetaValidation.notEmpty(e.value())) {
      out.add(Causes.invalid(path, "", "may not be specified when `value` is not empty"));
    }
    if (from.fieldRef() != null) {
      String fieldPath = from.fieldRef().fieldPath();
      if (!MetaValidation.notEmpty(fieldPath)) {
        out.add(Causes.required(path + ".fieldRef.fieldPath", ""));
      } else if (!ENV_FIELD_PATHS.contains(fieldPath)
          && !fieldPath.matches("metadata\\.(labels|annotations)\\['.+'\\]")) {
        out.add(Causes.notSupported(path + ".fieldRef.fieldPath", fieldPath, ENV_FIELD_PATHS));
      }
    }
    if (from.configMapKeyRef() != null) {
      keySelector(from.configMapKeyRef().name(), from.configMapKeyRef().key(), path + ".configMapKeyRef", out);
    }
    if (from.secretKeyRef() != null) {
      keySelector(from.secretKeyRef().name(), from.secretKeyRef().key(), path + ".secretKeyRef", out);
    }
  }

  private static void keySelector(String name, String key, String path, List<StatusCause> out) {
    if (!MetaValidation.notEmpty(key)) {
      out.add(Causes.required(path + ".key", ""));
    }
    if (!MetaValidation.notEmpty(name)) {
      out.add(Causes.required(path + ".name", ""));
    }
  }

  /** @param successMustBeOne liveness and startup probes cannot need more than one success */
  static void probe(Probe p, String path, boolean successMustBeOne, List<StatusCause> out) {
    if (p == null) {
      return;
    }
    if (p.handlerCount() == 0) {
      out.add(Causes.required(path, "must specify a handler type"));
    } else if (p.handlerCount() > 1) {
      String second = p.exec() != null && p.httpGet() != null ? "httpGet"
          : p.tcpSocket() != null && (p.exec() != null || p.httpGet() != null) ? "tcpSocket" : "grpc";
      out.add(Causes.forbidden(path + "." + second, "may not specify more than 1 handler type"));
    }
    nonNegative(p.initialDelaySeconds(), path + ".initialDelaySeconds", out);
    nonNegative(p.timeoutSeconds(), path + ".timeoutSeconds", out);
    nonNegative(p.periodSeconds(), path + ".periodSeconds", out);
    nonNegative(p.successThreshold(), path + ".successThreshold", out);
    nonNegative(p.failureThreshold(), path + ".failureThreshold", out);
    if (successMustBeOne && p.successThreshold() != null && p.successThreshold() != 1) {
      out.add(Causes.invalid(path + ".successThreshold", p.successThreshold(), "must be 1"));
    }
    if (p.terminationGracePeriodSeconds() != null) {
      if (!successMustBeOne) {
        out.add(Causes.invalid(path + ".terminationGracePeriodSeconds", p.terminationGracePeriodSeconds(),
            "must not be set for readinessProbes"));
      } else if (p.terminationGracePeriodSeconds() <= 0) {
        out.add(Causes.invalid(path + ".terminationGracePeriodSeconds", p.terminationGracePeriodSeconds(),
            "must be greater than 0"));
      }
    }
    if (p.exec() != null && p.exec().command().isEmpty()) {
      out.add(Causes.required(path + ".exec.command", ""));
    }
    if (p.httpGet() != null) {
      portNumOrName(p.httpGet().port(), path + ".httpGet.port", out);
      PodValidation.oneOf(p.httpGet().scheme(), List.of("HTTP", "HTTPS"), path + ".httpGet.scheme", out);
    }
    if (p.grpc() != null) {
      if (p.grpc().port() == null) {
        out.add(Causes.required(path + ".grpc.port", ""));
      } else {
        Names.portNumber(p.grpc().port()).forEach(m -> out.add(Causes.invalid(path + ".grpc.port", p.grpc().port(),
            m)));
      }
    }
    if (p.tcpSocket() != null) {
      portNumOrName(p.tcpSocket().port(), path + ".tcpSocket.port", out);
    }
  }

  /**
   * Kubernetes' validateLifecycle: postStart and preStop each name exactly one handler (exec,
   * httpGet, sleep or tcpSocket, which is refused when it runs); a sleep lasts more than 0 s and at
   * most the pod's grace period ({@code gracePeriod}, null when the pod's own is invalid).
   */
  static void lifecycle(io.coxswain.api.core.Lifecycle lifecycle, Long gracePeriod, String path,
      List<StatusCause> out) {
    if (lifecycle == null) {
      return;
    }
    handler(lifecycle.postStart(), gracePeriod, path + ".postStart", out);
    handler(lifecycle.preStop(), gracePeriod, path + ".preStop", out);
  }

  private static void handler(io.coxswain.api.core.LifecycleHandler handler, Long gracePeriod, String path,
      List<StatusCause> out) {
    if (handler == null) {
      return;
    }
    int handlers = 0;
    if (handler.exec() != null) {
      handlers++;
      if (handler.exec().command().isEmpty()) {
        out.add(Causes.required(path + ".exec.command", ""));
      }
    }
    if (handler.httpGet() != null) {
      if (handlers++ > 0) {
        out.add(Causes.forbidden(path + ".httpGet", "may not specify more than 1 handler type"));
      } else {
        portNumOrName(handler.httpGet().port(), path + ".httpGet.port", out);
        PodValidation.oneOf(handler.httpGet().scheme(), List.of("HTTP", "HTTPS"), path + ".httpGet.scheme", out);
      }
    }
    if (handler.tcpSocket() != null) {
      if (handlers++ > 0) {
        out.add(Causes.forbidden(path + ".tcpSocket", "may not specify more than 1 handler type"));
      } else {
        portNumOrName(handler.tcpSocket().port(), path + ".tcpSocket.port", out);
      }
    }
    if (handler.sleep() != null) {
      if (handlers++ > 0) {
        out.add(Causes.forbidden(path + ".sleep", "may not specify more than 1 handler type"));
      } else {
        long seconds = handler.sleep().seconds() == null ? 0 : handler.sleep().seconds();
        if (gracePeriod != null && (seconds <= 0 || seconds > gracePeriod)) {
          out.add(Causes.invalid(path + ".sleep", seconds, "must be greater than 0 and less than "
              + "terminationGracePeriodSeconds (" + gracePeriod + "). Enable AllowPodLifecycleSleepActionZeroValue "
              + "feature gate for zero sleep."));
        }
      }
    }
    if (handlers == 0) {
      out.add(Causes.required(path, "must specify a handler type"));
    }
  }

  /** Kubernetes' ValidatePortNumOrName: a number in range or a valid port name. */
  static void portNumOrName(IntOrString port, String path, List<StatusCause> out) {
    if (port == null) {
      // An absent port is Go's zero value, the number 0, to Kubernetes.
      Names.portNumber(0).forEach(m -> out.add(Causes.invalid(path, 0, m)));
    } else if (port.isInt()) {
      Names.portNumber(port.intValue()).forEach(m -> out.add(Causes.invalid(path, port.intValue(), m)));
    } else if (port.stringValue().isEmpty()) {
      out.add(Causes.required(path, ""));
    } else {
      Names.portName(port.stringValue()).forEach(m -> out.add(Causes.invalid(path, port.stringValue(), m)));
    }
  }

  static void nonNegative(Number value, String path, List<StatusCause> out) {
    if (value != null && value.longValue() < 0) {
      out.add(Causes.invalid(path, value, "must be greater than or equal to 0"));
    }
  }
}
