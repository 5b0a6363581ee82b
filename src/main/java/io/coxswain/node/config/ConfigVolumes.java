package io.coxswain.node.config;

import io.coxswain.api.Quantity;
import io.coxswain.api.core.ConfigMap;
import io.coxswain.api.core.DownwardAPIVolumeFile;
import io.coxswain.api.core.KeyToPath;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Secret;
import io.coxswain.api.core.Volume;
import io.coxswain.api.core.VolumeProjection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a pod's configMap, secret, downwardAPI and projected volumes, as a kubelet's volume
 * plugins make them: every key (or only the listed {@code items}, each at its {@code path}), with
 * the item's {@code mode} or the volume's {@code defaultMode} (0644). A missing ConfigMap or Secret
 * that is not {@code optional}, or a listed key it lacks, fails with {@link ConfigError} in
 * Kubernetes' words; an optional one that is missing gives no files. A projected
 * {@code serviceAccountToken} is the file at its {@code path} holding the token the
 * {@link TokenSource} issues ({@link ServiceAccountTokens}). Cluster trust bundles are not
 * served, so those projections give none.
 */
public final class ConfigVolumes {
  private ConfigVolumes() {}

  static final int DEFAULT_MODE = 0644;

  /** One file of a volume: its bytes and permission bits. */
  public record File(byte[] content, int mode) {
    public File {
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }

    boolean sameAs(File other) {
      return mode == other.mode && java.util.Arrays.equals(content, other.content);
    }
  }

  /** Where a node gets the token for a pod's serviceAccountToken projection. */
  public interface TokenSource {
    /** @throws ConfigError when no token can be had (the pod's containers wait in ContainerCreating) */
    String token(Pod pod, io.coxswain.api.core.ServiceAccountTokenProjection projection);

    /** A node that issues no tokens: a projection of one fails to mount. */
    TokenSource NONE = (pod, projection) -> {
      throw new ConfigError("failed to fetch token: this node issues no service account tokens");
    };
  }

  /** Whether this volume's files are made by the node agent. */
  public static boolean isConfigVolume(Volume v) {
    return v.configMap() != null || v.secret() != null || v.downwardAPI() != null || v.projected() != null;
  }

  /** The volume's files by relative path, on a node that issues no tokens. */
  public static Map<String, File> files(Pod pod, Volume v, DownwardApi.Addresses addresses,
      Map<String, Quantity> nodeAllocatable, ConfigLookup lookup) {
    return files(pod, v, addresses, nodeAllocatable, lookup, TokenSource.NONE);
  }

  /**
   * The group that owns a pod's node-written volume files: its {@code securityContext.fsGroup}, or
   * null. With one, every file is also readable by that group (the kubelet's read-only mask, 0440),
   * so a non-root container of the pod reads a secret whatever its defaultMode.
   */
  public static Long fsGroup(Pod pod) {
    return pod.spec().securityContext() == null ? null : pod.spec().securityContext().fsGroup();
  }

  /** The volume's files by relative path. */
  public static Map<String, File> files(Pod pod, Volume v, DownwardApi.Addresses addresses,
      Map<String, Quantity> nodeAllocatable, ConfigLookup lookup, TokenSource tokens) {
    Map<String, File> files = rawFiles(pod, v, addresses, nodeAllocatable, lookup, tokens);
    if (fsGroup(pod) != null) {
      files.replaceAll((path, file) -> new File(file.content(), file.mode() | 0440));
    }
    return files;
  }

  private static Map<String, File> rawFiles(Pod pod, Volume v, DownwardApi.Addresses addresses,
      Map<String, Quantity> nodeAllocatable, ConfigLookup lookup, TokenSource tokens) {
    String ns = pod.metadata().namespace();
    Map<String, File> files = new LinkedHashMap<>();
    if (v.configMap() != null) {
      var s = v.configMap();
      configMap(lookup.configMap(ns, s.name()), s.name(), s.items(), Boolean.TRUE.equals(s.optional()),
          mode(s.defaultMode()), files);
    } else if (v.secret() != null) {
      var s = v.secret();
      secret(lookup.secret(ns, s.secretName()), s.secretName(), s.items(), Boolean.TRUE.equals(s.optional()),
          mode(s.defaultMode()), files);
    } else if (v.downwardAPI() != null) {
      downward(pod, v.downwardAPI().items(), mode(v.downwardAPI().defaultMode()), addresses, nodeAllocatable, files);
    } else if (v.projected() != null) {
      int defaultMode = mode(v.projected().defaultMode());
      for (VolumeProjection source : v.projected().sources()) {
        if (source.configMap() != null) {
          var s = source.configMap();
          configMap(lookup.configMap(ns, s.name()), s.name(), s.items(), Boolean.TRUE.equals(s.optional()),
              defaultMode, files);
        } else if (source.secret() != null) {
          var s = source.secret();
          secret(lookup.secret(ns, s.name()), s.name(), s.items(), Boolean.TRUE.equals(s.optional()), defaultMode,
              files);
        } else if (source.downwardAPI() != null) {
          downward(pod, source.downwardAPI().items(), defaultMode, addresses, nodeAllocatable, files);
        } else if (source.serviceAccountToken() != null) {
          var projection = source.serviceAccountToken();
          files.put(projection.path(), new File(tokens.token(pod, projection).getBytes(StandardCharsets.UTF_8),
              defaultMode));
        }
      }
    }
    return files;
  }

  private static void configMap(ConfigMap cm, String name, List<KeyToPath> items, boolean optional, int defaultMode,
      Map<String, File> out) {
    if (cm == null) {
      if (optional) {
        return;
      }
      throw new ConfigError("configmap \"" + name + "\" not found");
    }
    Map<String, byte[]> values = new LinkedHashMap<>();
    cm.dataOrEmpty().forEach((k, v) -> values.put(k, v.getBytes(StandardCharsets.UTF_8)));
    cm.binaryDataOrEmpty().forEach((k, v) -> values.put(k, Base64.getDecoder().decode(v)));
    project(values, items, optional, defaultMode, "configmap", out);
  }

  private static void secret(Secret secret, String name, List<KeyToPath> items, boolean optional, int defaultMode,
      Map<String, File> out) {
    if (secret == null) {
      if (optional) {
        return;
      }
      throw new ConfigError("secret \"" + name + "\" not found");
    }
    Map<String, byte[]> values = new LinkedHashMap<>();
    secret.dataOrEmpty().keySet().forEach(k -> values.put(k, secret.decoded(k)));
    project(values, items, optional, defaultMode, "secret", out);
  }

  private static void project(Map<String, byte[]> values, List<KeyToPath> items, boolean optional, int defaultMode,
      String kind, Map<String, File> out) {
    if (items.isEmpty()) {
      values.forEach((k, v) -> out.put(k, new File(v, defaultMode)));
      return;
    }
    for (KeyToPath item : items) {
      byte[] value = values.get(item.key());
      if (value == null) {
        if (optional) {
          continue;
        }
        throw new ConfigError(kind + " references non-existent " + ("secret".equals(kind) ? "secret" : "config")
            + " key: " + item.key());
      }
      out.put(item.path(), new File(value, item.mode() == null ? defaultMode : item.mode()));
    }
  }

  private static void downward(Pod pod, List<DownwardAPIVolumeFile> items, int defaultMode,
      DownwardApi.Addresses addresses, Map<String, Quantity> nodeAllocatable, Map<String, File> out) {
    for (DownwardAPIVolumeFile item : items) {
      String value = item.fieldRef() != null ? DownwardApi.field(pod, item.fieldRef().fieldPath(), addresses)
          : item.resourceFieldRef() != null ? DownwardApi.resource(pod, item.resourceFieldRef(), null, nodeAllocatable)
          : "";
      out.put(item.path(), new File(value.getBytes(StandardCharsets.UTF_8),
          item.mode() == null ? defaultMode : item.mode()));
    }
  }

  private static int mode(Integer mode) {
    return mode == null ? DEFAULT_MODE : mode;
  }
}
