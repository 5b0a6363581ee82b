package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.NodeSelectorRequirement}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeSelectorRequirement(
    String key,
    String operator,
    List<String> values) {

  public NodeSelectorRequirement {
    values = Collections2.listOrEmpty(values);
  }
}
