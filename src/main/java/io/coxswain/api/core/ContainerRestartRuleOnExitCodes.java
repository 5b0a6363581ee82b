package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.ContainerRestartRuleOnExitCodes}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ContainerRestartRuleOnExitCodes(
    String operator,
    List<Integer> values) {

  public ContainerRestartRuleOnExitCodes {
    values = Collections2.listOrEmpty(values);
  }
}
