package io.coxswain.node.runtime;

/**
 * A runtime call that failed, with Kubernetes' reason for what the user sees (ErrImagePull,
 * ImagePullBackOff, CreateContainerError, RunContainerError, ...) and the runtime's own message.
 */
public final class RuntimeFailure extends Exception {
  private final String reason;

  public RuntimeFailure(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
