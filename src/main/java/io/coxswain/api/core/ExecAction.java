package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.ExecAction}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ExecAction(List<String> command) {
  public ExecAction {
    command = Collections2.listOrEmpty(command);
  }
}
