package io.coxswain.scheduler;

import io.coxswain.api.Quantity;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.ContainerPort;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.Pod;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node as the scheduler sees it: the Node object plus the pods bound to it (their summed
 * requests and the host ports they hold). Immutable; {@link #with} is the node after one more pod.
 */
record NodeInfo(Node node, List<Pod> pods, Requests requested, Set<String> hostPorts) {
  NodeInfo {
    pods = List.copyOf(pods);
    hostPorts = Set.copyOf(hostPorts);
  }

  static NodeInfo of(Node node, List<Pod> pods) {
    Requests requested = Requests.NONE;
    Set<String> ports = new HashSet<>();
    for (Pod pod : pods) {
      requested = requested.plus(Requests.of(pod));
      ports.addAll(hostPortsOf(pod));
    }
    return new NodeInfo(node, pods, requested, ports);
  }

  NodeInfo with(Pod pod) {
    Set<String> ports = new HashSet<>(hostPorts);
    ports.addAll(hostPortsOf(pod));
    List<Pod> all = new java.util.ArrayList<>(pods);
    all.add(pod);
    return new NodeInfo(node, all, requested.plus(Requests.of(pod)), ports);
  }

  String name() {
    return node.metadata().name();
  }

  long allocatableMilliCpu() {
    return quantity("cpu", true);
  }

  long allocatableMemory() {
    return quantity("memory", false);
  }

  long allocatablePods() {
    return quantity("pods", false);
  }

  private long quantity(String resource, boolean milli) {
    Map<String, String> allocatable = node.status() == null ? Map.of() : node.status().allocatable();
    String value = allocatable.get(resource);
    if (value == null) {
      return Long.MAX_VALUE;
    }
    Quantity q = Quantity.parse(value);
    return milli ? q.milliValue() : q.value();
  }

  /** "protocol/port" for every hostPort a pod asks for. */
  static Set<String> hostPortsOf(Pod pod) {
    Set<String> ports = new HashSet<>();
    for (Container container : pod.spec().containers()) {
      for (ContainerPort port : container.ports()) {
        if (port.hostPort() != null && port.hostPort() > 0) {
          ports.add((port.protocol() == null ? "TCP" : port.protocol()) + "/" + port.hostPort());
        }
      }
    }
    return ports;
  }
}
