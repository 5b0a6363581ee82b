package io.coxswain.node.config;

/**
 * A container's configuration cannot be made (a ConfigMap, Secret or key it needs is missing): the
 * container waits with reason {@code CreateContainerConfigError} and this message, as a kubelet's
 * does, and is tried again on the next sync.
 */
public final class ConfigError extends RuntimeException {
  public static final String REASON = "CreateContainerConfigError";

  public ConfigError(String message) {
    super(message);
  }
}
