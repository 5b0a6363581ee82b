package io.coxswain.node.pod;

import io.coxswain.api.core.Container;
import io.coxswain.api.core.LifecycleHandler;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Probe;
import io.coxswain.node.runtime.ContainerRuntime;
import io.coxswain.node.runtime.ProbeRunner;
import io.coxswain.node.runtime.RuntimeFailure;
import java.time.Duration;

/**
 * A container's lifecycle handlers, run as the kubelet runs them. {@code exec} runs inside the
 * container (exit code 0 succeeds) and {@code httpGet} goes to the pod's address (any HTTP answer
 * succeeds; only no answer fails), both through the runtime's probe handlers; {@code sleep} waits
 * on the node; {@code tcpSocket}, which the API keeps for old manifests, fails as an invalid
 * handler, as in Kubernetes. postStart runs right after the container
 * starts, and the container is not reported Running until it returns; preStop runs before the
 * container gets SIGTERM, within the pod's grace period. Blocking.
 */
final class LifecycleHooks {
  /** postStart has no deadline in Kubernetes; here it is bounded so a stuck handler cannot hold the pod forever. */
  static final Duration POST_START_LIMIT = Duration.ofMinutes(2);

  private LifecycleHooks() {}

  /**
   * Runs one handler, for at most {@code timeout} (at least a second).
   *
   * @param kind "PostStart" or "PreStop", for the message
   * @return null when it succeeded, else the kubelet's message for the failure
   */
  static String run(ContainerRuntime runtime, String kind, LifecycleHandler handler, Pod pod, Container container,
      String containerId, String podIp, Duration timeout) {
    if (handler == null) {
      return null;
    }
    Duration bound = timeout.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : timeout;
    if (handler.sleep() != null) {
      long seconds = handler.sleep().seconds() == null ? 0 : handler.sleep().seconds();
      long millis = Math.min(Duration.ofSeconds(seconds).toMillis(), bound.toMillis());
      try {
        Thread.sleep(millis); // the handler's own action is to wait
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return kind + " sleep hook for Container \"" + container.name() + "\" was interrupted";
      }
    }
    if (handler.exec() == null && handler.httpGet() == null) {
      return handler.tcpSocket() != null ? kind + " hook for Container \"" + container.name()
          + "\" failed - error: invalid handler: tcpSocket is not supported for lifecycle hooks" : null;
    }
    if (!(runtime instanceof ProbeRunner runner)) {
      return null; // a runtime that cannot reach into containers has nothing to run them with
    }
    int seconds = (int) Math.min(Integer.MAX_VALUE, (bound.toMillis() + 999) / 1000);
    Probe probe = ProbePorts.resolve(new Probe(handler.exec(), handler.httpGet(), null, null, seconds, null, null,
        null, null, null), container);
    String what = handler.exec() != null ? "Exec lifecycle hook (" + handler.exec().command() + ")"
        : "HTTP lifecycle hook (" + (handler.httpGet().path() == null ? "/" : handler.httpGet().path()) + ")";
    String where = " for Container \"" + container.name() + "\" in Pod \"" + pod.metadata().name() + "_"
        + pod.metadata().namespace() + "(" + pod.metadata().uid() + ")\" failed";
    try {
      io.coxswain.node.runtime.ProbeResult result = runner.probe(containerId, podIp, probe, ProbeRunner.Kind.HOOK);
      return result.success() ? null : what + where + " - error: " + (handler.exec() != null
          ? "command failed, message: \"" + result.output().strip() + "\"" : result.output());
    } catch (RuntimeFailure failure) {
      return what + where + " - error: " + failure.getMessage();
    }
  }
}
