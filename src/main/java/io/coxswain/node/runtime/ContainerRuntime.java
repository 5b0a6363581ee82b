package io.coxswain.node.runtime;

import java.time.Duration;
import java.util.List;

/**
 * What a node agent needs from a container runtime, kept small: a pod is a sandbox (which owns the
 * pod's network namespace and address) plus containers joined to it. Calls block; the agent makes
 * them on a blocking dispatcher. Implementations: Docker (through docker-java) and a simulated
 * runtime for tests and large simulations. Optional abilities (logs, exec, stats) are separate
 * interfaces that a runtime may also implement.
 *
 * <p>Everything a runtime creates carries the labels in {@link RuntimeLabels}, so an agent that
 * restarts can find and re-adopt (or remove) what it owns via {@link #listOwned}.
 */
public interface ContainerRuntime {
  /** {@code name://version}, as Kubernetes reports a node's containerRuntimeVersion. */
  String version();

  /** Creates and starts the pod's sandbox; returns its id and the pod's address. */
  SandboxInfo runSandbox(SandboxConfig config) throws RuntimeFailure;

  /** Creates and starts one container inside a sandbox; returns the container id. */
  String startContainer(String sandboxId, ContainerConfig config) throws RuntimeFailure;

  /** Asks a container to stop (SIGTERM), and kills it after {@code grace}. Stopping a stopped container is fine. */
  void stopContainer(String containerId, Duration grace) throws RuntimeFailure;

  /**
   * Stops several containers within one grace period (a pod's): they all get SIGTERM first and
   * SIGKILL once {@code grace} has passed, so the pod takes the grace period, not a multiple of it.
   * The default stops them one by one; runtimes that can signal first override it.
   */
  default void stopContainers(List<String> containerIds, Duration grace) throws RuntimeFailure {
    for (String id : containerIds) {
      stopContainer(id, grace);
    }
  }

  /** Removes a stopped container; removing an absent one is fine. */
  void removeContainer(String containerId) throws RuntimeFailure;

  /** Stops and removes a sandbox and what it holds; removing an absent one is fine. */
  void removeSandbox(String sandboxId) throws RuntimeFailure;

  /** The container's current state. */
  ContainerState inspect(String containerId) throws RuntimeFailure;

  /** Every sandbox and container this runtime holds with {@code node}'s label. */
  List<OwnedObject> listOwned(String node) throws RuntimeFailure;
}
