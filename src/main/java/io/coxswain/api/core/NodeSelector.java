package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.NodeSelector}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeSelector(
    List<NodeSelectorTerm> nodeSelectorTerms) {

  public NodeSelector {
    nodeSelectorTerms = Collections2.listOrEmpty(nodeSelectorTerms);
  }
}
