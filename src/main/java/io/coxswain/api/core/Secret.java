package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import java.util.Map;

/**
 * Kubernetes {@code v1.Secret}: {@code data} values are base64; {@code stringData} is a write-only
 * convenience merged into {@code data} on every write (its keys win) and never stored or returned.
 * {@code type} defaults to {@code Opaque}; {@code immutable} freezes the data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Secret(String apiVersion, String kind, ObjectMeta metadata, Map<String, String> data,
                     Map<String, String> stringData, String type, Boolean immutable) implements KubeObject {

  public Secret {
    apiVersion = apiVersion == null ? "v1" : apiVersion;
    kind = kind == null ? "Secret" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
    data = data == null ? null : Collections2.copyOfMap(data);
    stringData = stringData == null ? null : Collections2.copyOfMap(stringData);
  }

  @Override
  public Secret withMetadata(ObjectMeta v) {
    return new Secret(apiVersion, kind, v, data, stringData, type, immutable);
  }

  /** The secret with {@code stringData} folded into {@code data} (base64) and the type defaulted. */
  public Secret normalized() {
    Map<String, String> merged = new java.util.LinkedHashMap<>(dataOrEmpty());
    if (stringData != null) {
      stringData.forEach((k, v) -> merged.put(k, java.util.Base64.getEncoder()
          .encodeToString(v.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
    return new Secret(apiVersion, kind, metadata, merged.isEmpty() && data == null ? null : merged, null,
        type == null || type.isEmpty() ? "Opaque" : type, immutable);
  }

  public Map<String, String> dataOrEmpty() {
    return data == null ? Map.of() : data;
  }

  /** A value decoded from base64, or null when the key is absent. */
  public byte[] decoded(String key) {
    String value = dataOrEmpty().get(key);
    return value == null ? null : java.util.Base64.getDecoder().decode(value);
  }

  public boolean immutableOrFalse() {
    return Boolean.TRUE.equals(immutable);
  }
}
