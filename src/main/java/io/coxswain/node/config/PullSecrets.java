package io.coxswain.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coxswain.api.core.LocalObjectReference;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Secret;
import io.coxswain.node.runtime.RegistryAuth;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The registry credentials in a pod's {@code imagePullSecrets}, read as the kubelet reads them:
 * Secrets of type {@code kubernetes.io/dockerconfigjson} (key {@code .dockerconfigjson}, an object
 * with {@code auths}) or {@code kubernetes.io/dockercfg} (key {@code .dockercfg}, the auths object
 * itself). Each entry gives {@code username} and {@code password}, or {@code auth}
 * (base64 of {@code user:password}). A Secret that is missing or unreadable is skipped: the pull
 * goes on with the rest, or without credentials, as in Kubernetes.
 */
public final class PullSecrets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PullSecrets() {}

  public static List<RegistryAuth> of(Pod pod, ConfigLookup lookup) {
    List<RegistryAuth> auths = new ArrayList<>();
    for (LocalObjectReference ref : pod.spec().imagePullSecrets()) {
      if (ref.name() == null) {
        continue;
      }
      Secret secret = lookup.secret(pod.metadata().namespace(), ref.name());
      if (secret != null) {
        auths.addAll(parse(secret));
      }
    }
    return auths;
  }

  /** The credentials one Secret holds; none when it is of another type or malformed. */
  public static List<RegistryAuth> parse(Secret secret) {
    Map<String, String> data = secret.data() == null ? Map.of() : secret.data();
    try {
      JsonNode auths;
      if (data.containsKey(".dockerconfigjson")) {
        auths = JSON.readTree(decode(data.get(".dockerconfigjson"))).path("auths");
      } else if (data.containsKey(".dockercfg")) {
        auths = JSON.readTree(decode(data.get(".dockercfg")));
      } else {
        return List.of();
      }
      List<RegistryAuth> out = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        JsonNode auth = entry.getValue();
        String user = auth.path("username").asText("");
        String password = auth.path("password").asText("");
        if (user.isEmpty() && !auth.path("auth").asText("").isEmpty()) {
          String pair = decode(auth.path("auth").asText());
          int colon = pair.indexOf(':');
          if (colon > 0) {
            user = pair.substring(0, colon);
            password = pair.substring(colon + 1);
          }
        }
        if (!user.isEmpty()) {
          out.add(new RegistryAuth(entry.getKey(), user, password));
        }
      }
      return out;
    } catch (java.io.IOException | RuntimeException malformed) {
      return List.of(); // a malformed Secret gives no credentials, as the kubelet skips it
    }
  }

  /**
   * The credentials for an image: the first whose registry is the image's registry host, or null.
   *
   * @param defaultRegistry the registry the runtime pulls from when an image names none (the
   *     daemon's index server address, as {@code docker login} writes it as a key)
   */
  public static RegistryAuth forImage(String image, List<RegistryAuth> auths, String defaultRegistry) {
    String host = registryHost(image);
    String wanted = host != null ? host : defaultRegistry == null ? null : normalise(defaultRegistry);
    for (RegistryAuth auth : auths) {
      if (normalise(auth.registry()).equals(wanted)) {
        return auth;
      }
    }
    return null;
  }

  /**
   * The registry host of an image reference: its first path part when that has a dot or a colon
   * or is localhost; null when the image names none.
   */
  static String registryHost(String image) {
    int slash = image.indexOf('/');
    if (slash > 0) {
      String first = image.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return first;
      }
    }
    return null;
  }

  /** A registry key or address as a bare host: the scheme and path dropped. */
  static String normalise(String registry) {
    String host = registry.replaceFirst("^[a-zA-Z]+://", "");
    int slash = host.indexOf('/');
    return slash >= 0 ? host.substring(0, slash) : host;
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
