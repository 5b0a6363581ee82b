package io.coxswain.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** Kubernetes {@code meta/v1.LabelSelector}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LabelSelector(
    List<LabelSelectorRequirement> matchExpressions,
    Map<String, String> matchLabels) {

  public LabelSelector {
    matchExpressions = Collections2.listOrEmpty(matchExpressions);
    matchLabels = Collections2.mapOrEmpty(matchLabels);
  }
}
