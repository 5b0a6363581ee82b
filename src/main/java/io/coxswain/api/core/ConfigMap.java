package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import java.util.Map;

/**
 * Kubernetes {@code v1.ConfigMap}: configuration for pods as UTF-8 {@code data} and base64
 * {@code binaryData} (keys unique across both); {@code immutable} freezes both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigMap(String apiVersion, String kind, ObjectMeta metadata, Map<String, String> data,
                        Map<String, String> binaryData, Boolean immutable) implements KubeObject {

  public ConfigMap {
    apiVersion = apiVersion == null ? "v1" : apiVersion;
    kind = kind == null ? "ConfigMap" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
    data = data == null ? null : Collections2.copyOfMap(data);
    binaryData = binaryData == null ? null : Collections2.copyOfMap(binaryData);
  }

  public static ConfigMap of(ObjectMeta metadata, Map<String, String> data) {
    return new ConfigMap("v1", "ConfigMap", metadata, data, null, null);
  }

  @Override
  public ConfigMap withMetadata(ObjectMeta v) {
    return new ConfigMap(apiVersion, kind, v, data, binaryData, immutable);
  }

  public ConfigMap withData(Map<String, String> v) {
    return new ConfigMap(apiVersion, kind, metadata, v, binaryData, immutable);
  }

  public Map<String, String> dataOrEmpty() {
    return data == null ? Map.of() : data;
  }

  public Map<String, String> binaryDataOrEmpty() {
    return binaryData == null ? Map.of() : binaryData;
  }

  public boolean immutableOrFalse() {
    return Boolean.TRUE.equals(immutable);
  }
}
