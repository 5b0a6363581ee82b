package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.Quantity;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes {@code v1.ResourceRequirements}. Quantities are kept in canonical form;
 * see {@link Quantity}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ResourceRequirements(
    Map<String, Quantity> limits,
    Map<String, Quantity> requests,
    List<ResourceClaim> claims) {
  public static final ResourceRequirements EMPTY = new ResourceRequirements(null, null, null);

  public ResourceRequirements {
    claims = Collections2.listOrEmpty(claims);
    limits = Collections2.mapOrEmpty(limits);
    requests = Collections2.mapOrEmpty(requests);
  }
}
