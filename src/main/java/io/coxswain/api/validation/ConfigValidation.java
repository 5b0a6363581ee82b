package io.coxswain.api.validation;

import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.ConfigMap;
import io.coxswain.api.core.Secret;
import io.coxswain.api.core.ServiceAccount;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes' validation of ConfigMaps, Secrets and ServiceAccounts: names, keys that can be file
 * names ({@code [-._a-zA-Z0-9]+}, not {@code .} or {@code ..}), base64 values, 1 MiB of data in
 * all, each Secret type's required keys, and {@code immutable} (data frozen, never unset).
 */
public final class ConfigValidation {
  private ConfigValidation() {}

  /** Kubernetes' MaxSecretSize, the same for ConfigMaps. */
  static final int MAX_SIZE = 1024 * 1024;
  private static final String KEY_MESSAGE = "a valid config key must consist of alphanumeric characters, '-', '_' "
      + "or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

  static void configMap(ConfigMap cm, List<StatusCause> out) {
    MetaValidation.objectMeta(cm.metadata(), true, Names::dns1123Subdomain, out);
    long size = 0;
    for (Map.Entry<String, String> e : cm.dataOrEmpty().entrySet()) {
      key(e.getKey(), "data[" + e.getKey() + "]", out);
      size += e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().getBytes(StandardCharsets.UTF_8).length);
    }
    for (Map.Entry<String, String> e : cm.binaryDataOrEmpty().entrySet()) {
      String at = "binaryData[" + e.getKey() + "]";
      key(e.getKey(), at, out);
      if (cm.dataOrEmpty().containsKey(e.getKey())) {
        out.add(Causes.invalid("data[" + e.getKey() + "]", e.getKey(), "duplicate of key present in binaryData"));
      }
      size += e.getKey().length() + base64Length(e.getValue(), at, out);
    }
    if (size > MAX_SIZE) {
      out.add(Causes.tooLong("", MAX_SIZE));
    }
  }

  static void configMapUpdate(ConfigMap old, ConfigMap next, List<StatusCause> out) {
    if (old.immutableOrFalse()) {
      if (!next.immutableOrFalse()) {
        out.add(Causes.forbidden("immutable", "field is immutable when `immutable` is set"));
      }
      if (!Objects.equals(old.dataOrEmpty(), next.dataOrEmpty())) {
        out.add(Causes.forbidden("data", "field is immutable when `immutable` is set"));
      }
      if (!Objects.equals(old.binaryDataOrEmpty(), next.binaryDataOrEmpty())) {
        out.add(Causes.forbidden("binaryData", "field is immutable when `immutable` is set"));
      }
    }
  }

  /** A Secret after {@link Secret#normalized()}: stringData is already in data. */
  static void secret(Secret secret, List<StatusCause> out) {
    MetaValidation.objectMeta(secret.metadata(), true, Names::dns1123Subdomain, out);
    long size = 0;
    for (Map.Entry<String, String> e : secret.dataOrEmpty().entrySet()) {
      String at = "data[" + e.getKey() + "]";
      key(e.getKey(), at, out);
      size += base64Length(e.getValue(), at, out);
    }
    if (size > MAX_SIZE) {
      out.add(Causes.tooLong("data", MAX_SIZE));
    }
    Map<String, String> data = secret.dataOrEmpty();
    switch (secret.type() == null ? "Opaque" : secret.type()) {
      case "kubernetes.io/service-account-token" -> {
        if (!secret.metadata().annotationsOrEmpty().containsKey("kubernetes.io/service-account.name")) {
          out.add(Causes.required("metadata.annotations[kubernetes.io/service-account.name]", ""));
        }
      }
      case "kubernetes.io/dockercfg" -> requireKey(data, ".dockercfg", out);
      case "kubernetes.io/dockerconfigjson" -> requireKey(data, ".dockerconfigjson", out);
      case "kubernetes.io/basic-auth" -> {
        if (!data.containsKey("username") && !data.containsKey("password")) {
          out.add(Causes.required("data[username]", ""));
          out.add(Causes.required("data[password]", ""));
        }
      }
      case "kubernetes.io/ssh-auth" -> requireKey(data, "ssh-privatekey", out);
      case "kubernetes.io/tls" -> {
        requireKey(data, "tls.key", out);
        requireKey(data, "tls.crt", out);
      }
      default -> { }
    }
  }

  static void secretUpdate(Secret old, Secret next, List<StatusCause> out) {
    if (!Objects.equals(old.type(), next.type())) {
      out.add(Causes.immutable("type", next.type()));
    }
    if (old.immutableOrFalse()) {
      if (!next.immutableOrFalse()) {
        out.add(Causes.forbidden("immutable", "field is immutable when `immutable` is set"));
      }
      if (!Objects.equals(old.dataOrEmpty(), next.dataOrEmpty())) {
        out.add(Causes.forbidden("data", "field is immutable when `immutable` is set"));
      }
    }
  }

  static void serviceAccount(ServiceAccount sa, List<StatusCause> out) {
    MetaValidation.objectMeta(sa.metadata(), true, Names::dns1123Subdomain, out);
  }

  /** Kubernetes' ValidateLease: a positive duration, transitions not negative. */
  static void lease(io.coxswain.api.coordination.Lease lease, List<StatusCause> out) {
    MetaValidation.objectMeta(lease.metadata(), true, Names::dns1123Subdomain, out);
    var spec = lease.spec();
    if (spec == null) {
      return;
    }
    if (spec.leaseDurationSeconds() != null && spec.leaseDurationSeconds() <= 0) {
      out.add(Causes.invalid("spec.leaseDurationSeconds", spec.leaseDurationSeconds(), "must be greater than 0"));
    }
    if (spec.leaseTransitions() != null && spec.leaseTransitions() < 0) {
      out.add(Causes.invalid("spec.leaseTransitions", spec.leaseTransitions(), "must be greater than or equal to 0"));
    }
  }

  private static void requireKey(Map<String, String> data, String key, List<StatusCause> out) {
    if (!data.containsKey(key)) {
      out.add(Causes.required("data[" + key + "]", ""));
    }
  }

  private static void key(String key, String path, List<StatusCause> out) {
    if (key == null || key.isEmpty() || !key.matches("[-._a-zA-Z0-9]+")) {
      out.add(Causes.invalid(path, key, KEY_MESSAGE));
    } else if (key.equals(".") || key.equals("..")) {
      out.add(Causes.invalid(path, key, "must not be '" + key + "'"));
    } else if (key.startsWith("..")) {
      out.add(Causes.invalid(path, key, "must not start with '..'"));
    } else if (key.length() > 253) {
      out.add(Causes.tooLong(path, 253));
    }
  }

  /** The decoded size of a base64 value; a value that is not base64 is invalid. */
  private static long base64Length(String value, String path, List<StatusCause> out) {
    if (value == null) {
      return 0;
    }
    try {
      return Base64.getDecoder().decode(value).length;
    } catch (IllegalArgumentException e) {
      out.add(Causes.invalid(path, "<secret contents redacted>", "illegal base64 data"));
      return 0;
    }
  }
}
