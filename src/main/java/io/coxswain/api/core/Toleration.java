package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Kubernetes {@code v1.Toleration}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Toleration(String key, String operator, String value, String effect, Long tolerationSeconds) {

  /**
   * Whether this toleration tolerates the taint, with Kubernetes' rules: empty effect matches every
   * effect, empty key with Exists matches every key, Exists ignores the value, Equal (the default)
   * compares it.
   */
  public boolean tolerates(Taint taint) {
    if (effect != null && !effect.isEmpty() && !effect.equals(taint.effect())) {
      return false;
    }
    if (key != null && !key.isEmpty() && !key.equals(taint.key())) {
      return false;
    }
    if ("Exists".equals(operator)) {
      return true;
    }
    return (operator == null || operator.isEmpty() || "Equal".equals(operator))
        && Objects.equals(value == null ? "" : value, taint.value() == null ? "" : taint.value());
  }
}
