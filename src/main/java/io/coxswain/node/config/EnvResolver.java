package io.coxswain.node.config;

import io.coxswain.api.Quantity;
import io.coxswain.api.core.ConfigMap;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.EnvFromSource;
import io.coxswain.api.core.EnvVar;
import io.coxswain.api.core.EnvVarSource;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container's environment as a kubelet makes it (makeEnvironmentVariables): first the variables
 * of the Services that exist ({@link ServiceEnv}), then each
 * {@code envFrom} source in order (a ConfigMap's or Secret's keys, with the prefix; keys that
 * cannot be variable names are skipped), then each {@code env} entry in order, later ones
 * overriding earlier ones. A value may refer to variables defined before it as {@code $(NAME)}
 * ({@code $$} is a literal {@code $}; an unknown reference stays as written). A missing ConfigMap,
 * Secret or key that is not {@code optional} fails with {@link ConfigError} and Kubernetes' words.
 */
public final class EnvResolver {
  private EnvResolver() {}

  /** The environment and the names envFrom skipped as invalid (for the InvalidEnvironmentVariableNames event). */
  public record Result(Map<String, String> env, List<String> invalidNames) {}

  public static Result resolve(Pod pod, Container container, DownwardApi.Addresses addresses,
      Map<String, Quantity> nodeAllocatable, ConfigLookup lookup) {
    String namespace = pod.metadata().namespace();
    // The Services' variables first: envFrom and env override them and may refer to them.
    Map<String, String> env = new LinkedHashMap<>(ServiceEnv.of(namespace,
        !Boolean.FALSE.equals(pod.spec().enableServiceLinks()), lookup.services(namespace),
        lookup.services("default").stream().filter(s -> "kubernetes".equals(s.metadata().name())).findFirst()
            .orElse(null)));
    List<String> invalid = new ArrayList<>();
    for (EnvFromSource from : container.envFrom()) {
      String prefix = from.prefix() == null ? "" : from.prefix();
      Map<String, String> values = new TreeMap<>();
      if (from.configMapRef() != null) {
        ConfigMap cm = lookup.configMap(namespace, from.configMapRef().name());
        if (cm == null) {
          if (Boolean.TRUE.equals(from.configMapRef().optional())) {
            continue;
          }
          throw new ConfigError("configmap \"" + from.configMapRef().name() + "\" not found");
        }
        values.putAll(cm.dataOrEmpty());
      } else if (from.secretRef() != null) {
        Secret secret = lookup.secret(namespace, from.secretRef().name());
        if (secret == null) {
          if (Boolean.TRUE.equals(from.secretRef().optional())) {
            continue;
          }
          throw new ConfigError("secret \"" + from.secretRef().name() + "\" not found");
        }
        secret.dataOrEmpty().keySet().forEach(k -> values.put(k, text(secret.decoded(k))));
      }
      values.forEach((key, value) -> {
        String name = prefix + key;
        if (validName(name)) {
          env.put(name, value);
        } else {
          invalid.add(name);
        }
      });
    }
    for (EnvVar var : container.env()) {
      String value = value(pod, container, var, env, addresses, nodeAllocatable, lookup);
      if (value != null) {
        env.put(var.name(), value);
      }
    }
    return new Result(env, List.copyOf(invalid));
  }

  /** {@code $(NAME)} references in a command or argument, replaced from the container's environment. */
  public static List<String> expandAll(List<String> values, Map<String, String> env) {
    return values.stream().map(v -> expand(v, env)).toList();
  }

  private static String value(Pod pod, Container container, EnvVar var, Map<String, String> env,
      DownwardApi.Addresses addresses, Map<String, Quantity> nodeAllocatable, ConfigLookup lookup) {
    EnvVarSource from = var.valueFrom();
    if (from == null) {
      return expand(var.value() == null ? "" : var.value(), env);
    }
    String namespace = pod.metadata().namespace();
    if (from.fieldRef() != null) {
      return DownwardApi.field(pod, from.fieldRef().fieldPath(), addresses);
    }
    if (from.resourceFieldRef() != null) {
      return DownwardApi.resource(pod, from.resourceFieldRef(), container, nodeAllocatable);
    }
    if (from.configMapKeyRef() != null) {
      var ref = from.configMapKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.optional());
      ConfigMap cm = lookup.configMap(namespace, ref.name());
      if (cm == null) {
        if (optional) {
          return null;
        }
        throw new ConfigError("configmap \"" + ref.name() + "\" not found");
      }
      String value = cm.dataOrEmpty().get(ref.key());
      if (value == null && cm.binaryDataOrEmpty().containsKey(ref.key())) {
        value = text(java.util.Base64.getDecoder().decode(cm.binaryDataOrEmpty().get(ref.key())));
      }
      if (value == null && !optional) {
        throw new ConfigError("couldn't find key " + ref.key() + " in ConfigMap " + namespace + "/" + ref.name());
      }
      return value;
    }
    if (from.secretKeyRef() != null) {
      var ref = from.secretKeyRef();
      boolean optional = Boolean.TRUE.equals(ref.optional());
      Secret secret = lookup.secret(namespace, ref.name());
      if (secret == null) {
        if (optional) {
          return null;
        }
        throw new ConfigError("secret \"" + ref.name() + "\" not found");
      }
      byte[] value = secret.decoded(ref.key());
      if (value == null && !optional) {
        throw new ConfigError("couldn't find key " + ref.key() + " in Secret " + namespace + "/" + ref.name());
      }
      return value == null ? null : text(value);
    }
    return "";
  }

  /** Kubernetes' expansion: $(NAME) from {@code env}, $$ as $, anything else as written. */
  static String expand(String input, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < input.length()) {
      char c = input.charAt(i);
      if (c == '$' && i + 1 < input.length()) {
        char next = input.charAt(i + 1);
        if (next == '$') {
          out.append('$');
          i += 2;
          continue;
        }
        if (next == '(') {
          int close = input.indexOf(')', i + 2);
          if (close > 0) {
            String name = input.substring(i + 2, close);
            String value = env.get(name);
            out.append(value != null ? value : input, value != null ? 0 : i,
                value != null ? value.length() : close + 1);
            i = close + 1;
            continue;
          }
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /** Kubernetes 1.32 (relaxed): any printable ASCII but '=', not empty. */
  private static boolean validName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 32 || c > 126 || c == '=') {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
