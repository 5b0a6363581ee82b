package io.coxswain.node.runtime;

/**
 * One volume mounted into a container. Either a pod-scoped volume the sandbox holds
 * ({@code emptyDir} set: its name) or a directory of the node ({@code hostPath} set).
 */
public record MountConfig(String emptyDir, String hostPath, String containerPath, boolean readOnly) {
  public MountConfig {
    if ((emptyDir == null) == (hostPath == null)) {
      throw new IllegalArgumentException("a mount has exactly one of emptyDir and hostPath");
    }
  }
}
