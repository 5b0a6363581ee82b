package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.SecretProjection}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SecretProjection(
    List<KeyToPath> items,
    String name,
    Boolean optional) {

  public SecretProjection {
    items = Collections2.listOrEmpty(items);
  }
}
