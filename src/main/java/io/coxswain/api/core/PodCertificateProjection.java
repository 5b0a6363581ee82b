package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.Map;

/** Kubernetes {@code v1.PodCertificateProjection}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodCertificateProjection(
    String certificateChainPath,
    String credentialBundlePath,
    String keyPath,
    String keyType,
    Integer maxExpirationSeconds,
    String signerName,
    Long user,
    Map<String, String> userAnnotations) {

  public PodCertificateProjection {
    userAnnotations = Collections2.mapOrEmpty(userAnnotations);
  }
}
