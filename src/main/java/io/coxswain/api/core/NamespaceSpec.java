package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.NamespaceSpec}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NamespaceSpec(List<String> finalizers) {
  public NamespaceSpec {
    finalizers = Collections2.listOrEmpty(finalizers);
  }
}
