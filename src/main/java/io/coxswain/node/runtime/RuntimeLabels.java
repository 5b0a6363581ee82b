package io.coxswain.node.runtime;

/** The labels every runtime object carries, so agents can find what they own after a restart. */
public final class RuntimeLabels {
  public static final String NODE = "io.coxswain.node";
  public static final String POD_UID = "io.coxswain.pod.uid";
  public static final String POD_NAMESPACE = "io.coxswain.pod.namespace";
  public static final String POD_NAME = "io.coxswain.pod.name";
  public static final String CONTAINER = "io.coxswain.container";
  /** Which start of the container this is (0, 1, ...), so restarts are told apart. */
  public static final String ATTEMPT = "io.coxswain.container.attempt";
  /** Marks the sandbox (the container that owns the pod's network namespace). */
  public static final String SANDBOX = "io.coxswain.sandbox";

  private RuntimeLabels() {}
}
