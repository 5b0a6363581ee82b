package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Kubernetes {@code v1.EnvVar} with a minimal {@code valueFrom}: the downward API field, a config
 * map key or a secret key.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EnvVar(String name, String value, EnvVarSource valueFrom) {

  public static EnvVar of(String name, String value) {
    return new EnvVar(name, value, null);
  }
}
