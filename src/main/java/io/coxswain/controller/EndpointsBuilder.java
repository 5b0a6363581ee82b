package io.coxswain.controller;

import io.coxswain.api.core.Container;
import io.coxswain.api.core.ContainerPort;
import io.coxswain.api.core.EndpointAddress;
import io.coxswain.api.core.EndpointPort;
import io.coxswain.api.core.EndpointSubset;
import io.coxswain.api.core.ObjectReference;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.selector.LabelSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Service's Endpoints, as Kubernetes' endpoints controller computes them: the pods its selector
 * matches that have an IP and have not finished, ready ones under addresses and the rest under
 * notReadyAddresses — with {@code publishNotReadyAddresses} every such pod (terminating ones too)
 * under addresses — grouped by the ports they resolve to (a named targetPort is looked up in each
 * pod); a pod whose subdomain is the Service's name publishes its hostname. Pure.
 */
final class EndpointsBuilder {
  private EndpointsBuilder() {}

  static List<EndpointSubset> subsets(Service service, List<Pod> podsInNamespace) {
    LabelSelector selector = LabelSelector.fromMap(service.spec().selector());
    Map<List<EndpointPort>, EndpointSubset> byPorts = new LinkedHashMap<>();
    List<Pod> pods = new ArrayList<>(podsInNamespace);
    pods.sort(Comparator.comparing(p -> p.metadata().name()));
    boolean publishNotReady = Boolean.TRUE.equals(service.spec().publishNotReadyAddresses());
    for (Pod pod : pods) {
      String ip = pod.statusOrEmpty().podIP();
      String phase = pod.statusOrEmpty().phase();
      if (ip == null || ip.isEmpty() || "Succeeded".equals(phase) || "Failed".equals(phase)
          || (pod.metadata().deletionTimestamp() != null && !publishNotReady)
          || !selector.matches(pod.metadata().labelsOrEmpty())) {
        continue;
      }
      List<EndpointPort> ports = ports(service, pod);
      // No port resolves: the pod is left out, except for a headless Service with no ports at all,
      // whose addresses are published bare (DNS is all it is for).
      boolean headlessWithoutPorts = service.spec().ports().isEmpty() && "None".equals(service.spec().clusterIP());
      if (ports.isEmpty() && !headlessWithoutPorts) {
        continue;
      }
      String hostname = pod.spec().hostname() != null && service.metadata().name().equals(pod.spec().subdomain())
          ? pod.spec().hostname() : null;
      EndpointAddress address = new EndpointAddress(ip, hostname, pod.spec().nodeName(),
          new ObjectReference("Pod", pod.metadata().namespace(), pod.metadata().name(), pod.metadata().uid(), null,
              null, null));
      EndpointSubset subset = byPorts.getOrDefault(ports, new EndpointSubset(List.of(), List.of(), ports));
      List<EndpointAddress> ready = new ArrayList<>(subset.addresses());
      List<EndpointAddress> notReady = new ArrayList<>(subset.notReadyAddresses());
      (publishNotReady || ReplicationReconciler.isReady(pod) ? ready : notReady).add(address);
      byPorts.put(ports, new EndpointSubset(ready, notReady, ports));
    }
    // Kubernetes' RepackSubsets orders each subset's addresses by IP (as text), then by pod uid.
    Comparator<EndpointAddress> byIp = Comparator.comparing(EndpointAddress::ip).thenComparing(
        a -> a.targetRef() == null || a.targetRef().uid() == null ? "" : a.targetRef().uid());
    return byPorts.values().stream().map(subset -> new EndpointSubset(
        subset.addresses().stream().sorted(byIp).toList(), subset.notReadyAddresses().stream().sorted(byIp).toList(),
        subset.ports())).toList();
  }

  /**
   * The selected, running pods that have no container port a named targetPort names, as
   * {@code pod "web-1" has no container port named "http"}: such a pod is left out of the
   * Endpoints (as Kubernetes leaves it), and the controller says why in an event.
   */
  static List<String> unresolvedTargetPorts(Service service, List<Pod> podsInNamespace) {
    LabelSelector selector = LabelSelector.fromMap(service.spec().selector());
    List<String> problems = new ArrayList<>();
    for (Pod pod : podsInNamespace) {
      String ip = pod.statusOrEmpty().podIP();
      if (ip == null || ip.isEmpty() || !selector.matches(pod.metadata().labelsOrEmpty())) {
        continue;
      }
      for (ServicePort port : service.spec().ports()) {
        if (port.targetPort() != null && !port.targetPort().isInt() && resolve(port, pod) == null) {
          problems.add("pod \"" + pod.metadata().name() + "\" has no container port named \""
              + port.targetPort().stringValue() + "\"");
        }
      }
    }
    return problems.stream().sorted().toList();
  }

  private static List<EndpointPort> ports(Service service, Pod pod) {
    List<EndpointPort> ports = new ArrayList<>();
    for (ServicePort port : service.spec().ports()) {
      Integer target = resolve(port, pod);
      if (target != null) {
        ports.add(new EndpointPort(port.name(), target, port.protocol() == null ? "TCP" : port.protocol(), null));
      }
    }
    return ports;
  }

  /** A numeric targetPort is used as is; a named one is the pod's container port of that name. */
  static Integer resolve(ServicePort port, Pod pod) {
    if (port.targetPort() == null) {
      return port.port();
    }
    if (port.targetPort().isInt()) {
      return port.targetPort().intValue();
    }
    for (Container container : pod.spec().containers()) {
      for (ContainerPort cp : container.ports()) {
        if (port.targetPort().stringValue().equals(cp.name())) {
          return cp.containerPort();
        }
      }
    }
    return null;
  }
}
