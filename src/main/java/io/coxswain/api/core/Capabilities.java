package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.Capabilities}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Capabilities(
    List<String> add,
    List<String> drop) {

  public Capabilities {
    add = Collections2.listOrEmpty(add);
    drop = Collections2.listOrEmpty(drop);
  }
}
