package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.Quantity;
import java.util.Map;

/** Kubernetes {@code v1.VolumeResourceRequirements}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record VolumeResourceRequirements(
    Map<String, Quantity> limits,
    Map<String, Quantity> requests) {

  public VolumeResourceRequirements {
    limits = Collections2.mapOrEmpty(limits);
    requests = Collections2.mapOrEmpty(requests);
  }
}
