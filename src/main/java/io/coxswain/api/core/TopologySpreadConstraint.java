package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.LabelSelector;
import java.util.List;

/** Kubernetes {@code v1.TopologySpreadConstraint}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TopologySpreadConstraint(
    LabelSelector labelSelector,
    List<String> matchLabelKeys,
    Integer maxSkew,
    Integer minDomains,
    String nodeAffinityPolicy,
    String nodeTaintsPolicy,
    String topologyKey,
    String whenUnsatisfiable) {

  public TopologySpreadConstraint {
    matchLabelKeys = Collections2.listOrEmpty(matchLabelKeys);
  }
}
