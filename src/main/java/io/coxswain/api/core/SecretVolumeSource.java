package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.SecretVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SecretVolumeSource(
    String secretName,
    List<KeyToPath> items,
    Integer defaultMode,
    Boolean optional,
    Long defaultUser) {
  public SecretVolumeSource {
    items = Collections2.listOrEmpty(items);
  }
}
