package io.coxswain.api.validation;

import io.coxswain.api.ObjectMeta;
import io.coxswain.api.Status.StatusCause;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Kubernetes' ValidateObjectMeta / ValidateObjectMetaUpdate, labels and annotations. */
final class MetaValidation {
  /** Kubernetes' cap on the total size of an object's annotations (256 KiB). */
  static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

  private MetaValidation() {}

  /**
   * @param nameRule the kind's name rule ({@link Names#dns1123Subdomain} for most kinds)
   */
  static void objectMeta(ObjectMeta meta, boolean namespaced, Function<String, List<String>> nameRule,
      List<StatusCause> out) {
    String path = "metadata";
    if (notEmpty(meta.generateName())) {
      // generateName is a prefix: a trailing '-' is fine because a suffix follows it.
      String prefix = meta.generateName();
      String masked = prefix.endsWith("-") ? prefix.substring(0, prefix.length() - 1) + "a" : prefix;
      nameRule.apply(masked).forEach(m -> out.add(Causes.invalid(path + ".generateName", prefix, m)));
    }
    if (!notEmpty(meta.name())) {
      out.add(Causes.required(path + ".name", "name or generateName is required"));
    } else {
      nameRule.apply(meta.name()).forEach(m -> out.add(Causes.invalid(path + ".name", meta.name(), m)));
    }
    if (namespaced) {
      if (!notEmpty(meta.namespace())) {
        out.add(Causes.required(path + ".namespace", ""));
      } else {
        Names.dns1123Label(meta.namespace())
            .forEach(m -> out.add(Causes.invalid(path + ".namespace", meta.namespace(), m)));
      }
    } else if (notEmpty(meta.namespace())) {
      out.add(Causes.forbidden(path + ".namespace", "not allowed on this type"));
    }
    if (meta.generation() != null && meta.generation() < 0) {
      out.add(Causes.invalid(path + ".generation", meta.generation(), "must be greater than or equal to 0"));
    }
    labels(meta.labelsOrEmpty(), path + ".labels", out);
    annotations(meta.annotationsOrEmpty(), path + ".annotations", out);
    for (int i = 0; i < meta.finalizersOrEmpty().size(); i++) {
      String f = meta.finalizersOrEmpty().get(i);
      String at = path + ".finalizers[" + i + "]";
      Names.qualifiedName(f).forEach(m -> out.add(Causes.invalid(at, f, m)));
    }
  }

  static void objectMetaUpdate(ObjectMeta oldMeta, ObjectMeta newMeta, List<StatusCause> out) {
    immutable("metadata.name", oldMeta.name(), newMeta.name(), out);
    immutable("metadata.namespace", oldMeta.namespace(), newMeta.namespace(), out);
    immutable("metadata.uid", oldMeta.uid(), newMeta.uid(), out);
    immutable("metadata.creationTimestamp", oldMeta.creationTimestamp(), newMeta.creationTimestamp(), out);
    if (notEmpty(oldMeta.deletionTimestamp())) {
      immutable("metadata.deletionTimestamp", oldMeta.deletionTimestamp(), newMeta.deletionTimestamp(), out);
      // Kubernetes: an object on its way out may lose finalizers but gain none.
      List<String> added = newMeta.finalizersOrEmpty().stream()
          .filter(f -> !oldMeta.finalizersOrEmpty().contains(f)).toList();
      if (!added.isEmpty()) {
        out.add(Causes.forbidden("metadata.finalizers",
            "no new finalizers can be added if the object is being deleted, found new finalizers " + added));
      }
    }
    if (oldMeta.generation() != null && newMeta.generation() != null
        && newMeta.generation() < oldMeta.generation()) {
      out.add(Causes.invalid("metadata.generation", newMeta.generation(), "must not be decremented"));
    }
  }

  /** Kubernetes' ValidateLabels: every key a qualified name, every value a label value. */
  static void labels(Map<String, String> labels, String path, List<StatusCause> out) {
    labels.forEach((k, v) -> {
      Names.qualifiedName(k).forEach(m -> out.add(Causes.invalid(path, k, m)));
      String value = v == null ? "" : v;
      Names.labelValue(value).forEach(m -> out.add(Causes.invalid(path, value, m)));
    });
  }

  /** Kubernetes' ValidateAnnotations: keys are qualified names (case-insensitive), total size capped. */
  static void annotations(Map<String, String> annotations, String path, List<StatusCause> out) {
    long total = 0;
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      String k = e.getKey();
      Names.qualifiedName(k.toLowerCase(Locale.ROOT)).forEach(m -> out.add(Causes.invalid(path, k, m)));
      total += k.getBytes(StandardCharsets.UTF_8).length
          + (e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length);
    }
    if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
      out.add(Causes.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
  }

  /** Absent and empty are the same value, as in Go where both are "". */
  static void immutable(String field, String oldValue, String newValue, List<StatusCause> out) {
    if (!Objects.equals(orEmpty(oldValue), orEmpty(newValue))) {
      out.add(Causes.immutable(field, orEmpty(newValue)));
    }
  }

  static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
