package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.NamespaceStatus}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NamespaceStatus(
    String phase,
    List<NamespaceCondition> conditions) {

  public NamespaceStatus {
    conditions = Collections2.listOrEmpty(conditions);
  }
}
