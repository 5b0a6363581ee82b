package io.coxswain.node.pod;

import io.coxswain.api.core.Container;
import io.coxswain.api.core.Pod;
import java.util.ArrayList;
import java.util.List;

/** A pod's containers grouped as the kubelet treats them. Pure. */
final class PodContainers {
  private PodContainers() {}

  /** Init containers then app containers, in spec order: every container the node may start. */
  static List<Container> all(Pod pod) {
    List<Container> all = new ArrayList<>(pod.spec().initContainers());
    all.addAll(pod.spec().containers());
    return all;
  }

  /** The sidecars (init containers with restartPolicy Always), in spec order. */
  static List<Container> sidecars(Pod pod) {
    return pod.spec().initContainers().stream().filter(InitOrder::sidecar).toList();
  }

  /** The containers that keep running: sidecars then app containers (these are probed and count for readiness). */
  static List<Container> running(Pod pod) {
    List<Container> running = new ArrayList<>(sidecars(pod));
    running.addAll(pod.spec().containers());
    return running;
  }
}
