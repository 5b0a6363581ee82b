package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.Map;

/**
 * Kubernetes {@code v1.ResourceRequirements}. Quantities stay strings as sent ("100m", "128Mi");
 * {@link io.coxswain.api.Quantity} parses them where arithmetic is needed.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourceRequirements(Map<String, String> limits, Map<String, String> requests) {
  public static final ResourceRequirements EMPTY = new ResourceRequirements(null, null);

  public ResourceRequirements {
    limits = Collections2.mapOrEmpty(limits);
    requests = Collections2.mapOrEmpty(requests);
  }
}
