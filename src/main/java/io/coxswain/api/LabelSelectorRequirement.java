package io.coxswain.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Kubernetes {@code meta/v1.LabelSelectorRequirement}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LabelSelectorRequirement(
    String key,
    String operator,
    List<String> values) {

  public LabelSelectorRequirement {
    values = Collections2.listOrEmpty(values);
  }
}
