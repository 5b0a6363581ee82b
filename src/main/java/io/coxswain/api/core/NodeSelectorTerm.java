package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.NodeSelectorTerm}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeSelectorTerm(
    List<NodeSelectorRequirement> matchExpressions,
    List<NodeSelectorRequirement> matchFields) {

  public NodeSelectorTerm {
    matchExpressions = Collections2.listOrEmpty(matchExpressions);
    matchFields = Collections2.listOrEmpty(matchFields);
  }
}
