package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.Map;

/**
 * Kubernetes {@code v1.ReplicationControllerSpec}. replicas is a pointer in Kubernetes (absent
 * means "default to 1"), so it stays nullable here until defaulting.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ReplicationControllerSpec(
    Integer replicas, Integer minReadySeconds, Map<String, String> selector, PodTemplateSpec template) {
  public ReplicationControllerSpec {
    selector = Collections2.mapOrEmpty(selector);
  }

  public ReplicationControllerSpec withReplicas(Integer v) {
    return new ReplicationControllerSpec(v, minReadySeconds, selector, template);
  }
}
