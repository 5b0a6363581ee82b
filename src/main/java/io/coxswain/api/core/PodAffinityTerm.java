package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.LabelSelector;
import java.util.List;

/** Kubernetes {@code v1.PodAffinityTerm}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodAffinityTerm(
    LabelSelector labelSelector,
    List<String> matchLabelKeys,
    List<String> mismatchLabelKeys,
    LabelSelector namespaceSelector,
    List<String> namespaces,
    String topologyKey) {

  public PodAffinityTerm {
    matchLabelKeys = Collections2.listOrEmpty(matchLabelKeys);
    mismatchLabelKeys = Collections2.listOrEmpty(mismatchLabelKeys);
    namespaces = Collections2.listOrEmpty(namespaces);
  }
}
