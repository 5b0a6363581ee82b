package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.ConfigMapProjection}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ConfigMapProjection(
    List<KeyToPath> items,
    String name,
    Boolean optional) {

  public ConfigMapProjection {
    items = Collections2.listOrEmpty(items);
  }
}
