package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.ContainerImage}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerImage(
    List<String> names,
    Long sizeBytes) {

  public ContainerImage {
    names = Collections2.listOrEmpty(names);
  }
}
