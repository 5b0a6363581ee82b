package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.OwnerReference;
import io.coxswain.api.core.EndpointAddress;
import io.coxswain.api.core.EndpointSubset;
import io.coxswain.api.core.Endpoints;
import io.coxswain.api.core.ObjectReference;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.discovery.Endpoint;
import io.coxswain.api.discovery.EndpointConditions;
import io.coxswain.api.discovery.EndpointPort;
import io.coxswain.api.discovery.EndpointSlice;
import io.coxswain.api.selector.LabelSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Service's EndpointSlices, as Kubernetes' endpoint slice controller computes them. Pure.
 *
 * <p>Every pod the selector matches that has an IP and has not finished is an endpoint — pods
 * being deleted too, marked {@code terminating}, so a proxy can still use those that serve while
 * no ready one is left. {@code serving} is the pod's Ready condition; {@code ready} is serving and
 * not terminating, or always true with {@code publishNotReadyAddresses}. Endpoints are grouped by
 * the ports they resolve to (a named targetPort is looked up per pod, and a port a pod lacks is
 * left out of its group's ports), at most {@value #MAX_ENDPOINTS} to a slice. A Service with no
 * endpoints keeps one empty slice, as Kubernetes' placeholder.
 */
final class EndpointSliceBuilder {
  /** Kubernetes' default --max-endpoints-per-slice. */
  static final int MAX_ENDPOINTS = 100;
  static final String MANAGED_BY = "endpointslice-controller.k8s.io";
  static final String MIRRORED_BY = "endpointslicemirroring-controller.k8s.io";
  /** Set on Endpoints whose slices the endpoint slice controller makes, so they are not mirrored too. */
  static final String SKIP_MIRROR_LABEL = "endpointslice.kubernetes.io/skip-mirror";
  static final String HEADLESS_LABEL = "service.kubernetes.io/headless";

  private EndpointSliceBuilder() {}

  /** What one slice holds: its ports and its endpoints. */
  record Content(List<EndpointPort> ports, List<Endpoint> endpoints) {}

  /** The slices' contents, in a stable order: by port group as first met, pods by name. */
  static List<Content> desired(Service service, List<Pod> podsInNamespace) {
    LabelSelector selector = LabelSelector.fromMap(service.spec().selector());
    List<Pod> pods = new ArrayList<>(podsInNamespace);
    pods.sort(Comparator.comparing(p -> p.metadata().name()));
    Map<List<EndpointPort>, List<Endpoint>> byPorts = new LinkedHashMap<>();
    for (Pod pod : pods) {
      String ip = pod.statusOrEmpty().podIP();
      String phase = pod.statusOrEmpty().phase();
      if (ip == null || ip.isEmpty() || "Succeeded".equals(phase) || "Failed".equals(phase)
          || !selector.matches(pod.metadata().labelsOrEmpty())) {
        continue;
      }
      byPorts.computeIfAbsent(ports(service, pod), k -> new ArrayList<>()).add(endpoint(service, pod, ip));
    }
    List<Content> contents = new ArrayList<>();
    byPorts.forEach((ports, endpoints) -> {
      for (int from = 0; from < endpoints.size(); from += MAX_ENDPOINTS) {
        contents.add(new Content(ports, List.copyOf(endpoints.subList(from, Math.min(endpoints.size(),
            from + MAX_ENDPOINTS)))));
      }
    });
    if (contents.isEmpty()) {
      contents.add(new Content(List.of(), List.of()));
    }
    return contents;
  }

  private static Endpoint endpoint(Service service, Pod pod, String ip) {
    boolean serving = ReplicationReconciler.isReady(pod);
    boolean terminating = pod.metadata().deletionTimestamp() != null;
    boolean ready = Boolean.TRUE.equals(service.spec().publishNotReadyAddresses()) || (serving && !terminating);
    String hostname = pod.spec().hostname() != null && !pod.spec().hostname().isEmpty()
        && service.metadata().name().equals(pod.spec().subdomain()) ? pod.spec().hostname() : null;
    return Endpoint.of(ip, new EndpointConditions(ready, serving, terminating), hostname,
        new ObjectReference("Pod", pod.metadata().namespace(), pod.metadata().name(), pod.metadata().uid(), null,
            null, null), pod.spec().nodeName());
  }

  private static List<EndpointPort> ports(Service service, Pod pod) {
    List<EndpointPort> ports = new ArrayList<>();
    for (ServicePort port : service.spec().ports()) {
      Integer target = EndpointsBuilder.resolve(port, pod);
      if (target != null) {
        ports.add(new EndpointPort(port.name() == null ? "" : port.name(),
            port.protocol() == null ? "TCP" : port.protocol(), target, port.appProtocol()));
      }
    }
    return List.copyOf(ports);
  }

  /** The labels of a Service's slices: the Service's own, plus the two that tie a slice to it. */
  static Map<String, String> labels(Service service) {
    Map<String, String> labels = new LinkedHashMap<>(service.metadata().labelsOrEmpty());
    labels.put(EndpointSlice.SERVICE_NAME_LABEL, service.metadata().name());
    labels.put(EndpointSlice.MANAGED_BY_LABEL, MANAGED_BY);
    if ("None".equals(service.spec().clusterIP())) {
      labels.put(HEADLESS_LABEL, "");
    } else {
      labels.remove(HEADLESS_LABEL);
    }
    return labels;
  }

  /**
   * The slices Kubernetes' endpoint slice mirroring controller keeps for a Service without a
   * selector whose Endpoints a user (or Coxswain itself, for kube-dns) writes: each subset's ready
   * and not-ready addresses with {@code ready} true and false, under the subset's ports, at most
   * {@value #MAX_ENDPOINTS} to a slice; none for no subsets.
   */
  static List<Content> mirrored(Endpoints endpoints) {
    List<Content> contents = new ArrayList<>();
    for (EndpointSubset subset : endpoints.subsets()) {
      List<EndpointPort> ports = subset.ports().stream().map(p -> new EndpointPort(p.name() == null ? "" : p.name(),
          p.protocol() == null ? "TCP" : p.protocol(), p.port(), p.appProtocol())).toList();
      List<Endpoint> all = new ArrayList<>();
      subset.addresses().forEach(a -> all.add(mirrored(a, true)));
      subset.notReadyAddresses().forEach(a -> all.add(mirrored(a, false)));
      for (int from = 0; from < all.size(); from += MAX_ENDPOINTS) {
        contents.add(new Content(ports, List.copyOf(all.subList(from, Math.min(all.size(), from + MAX_ENDPOINTS)))));
      }
    }
    return contents;
  }

  private static Endpoint mirrored(EndpointAddress address, boolean ready) {
    return new Endpoint(List.of(address.ip()), new EndpointConditions(ready, null, null), address.hostname(),
        address.targetRef(), null, address.nodeName(), null, null);
  }

  /** The labels of mirrored slices: the Endpoints' own, plus the two that tie a slice to the Service. */
  static Map<String, String> mirrorLabels(Endpoints endpoints) {
    Map<String, String> labels = new LinkedHashMap<>(endpoints.metadata().labelsOrEmpty());
    labels.put(EndpointSlice.SERVICE_NAME_LABEL, endpoints.metadata().name());
    labels.put(EndpointSlice.MANAGED_BY_LABEL, MIRRORED_BY);
    return labels;
  }

  /** Whether Endpoints are to be mirrored: not marked {@code skip-mirror} (as the endpoints controller marks its own). */
  static boolean mirrors(Endpoints endpoints) {
    return !"true".equals(endpoints.metadata().labelsOrEmpty().get(SKIP_MIRROR_LABEL));
  }

  /** One write that brings the slices to what is desired. */
  sealed interface Write {}

  record Create(EndpointSlice slice) implements Write {}

  record Update(EndpointSlice current, Content content, Map<String, String> labels) implements Write {}

  record Delete(EndpointSlice current) implements Write {}

  /**
   * The writes from {@code existing} (the slices one controller manages for the Service) to
   * {@code desired}: a slice whose ports match a wanted content is reused (updated only when its
   * endpoints or labels differ), wanted contents left over are created (named
   * {@code <service>-<random>}, labelled {@code labels}, owned by {@code owner}), and slices left
   * over are deleted.
   */
  static List<Write> plan(String namespace, String service, Map<String, String> labels, OwnerReference owner,
      List<Content> desired, List<EndpointSlice> existing) {
    List<EndpointSlice> unused = new ArrayList<>(existing);
    unused.sort(Comparator.comparing(s -> s.metadata().name()));
    List<Write> writes = new ArrayList<>();
    for (Content content : desired) {
      EndpointSlice reuse = unused.stream().filter(s -> s.ports().equals(content.ports())
          && s.endpoints().equals(content.endpoints())).findFirst()
          .orElse(unused.stream().filter(s -> s.ports().equals(content.ports())).findFirst()
              .orElse(unused.isEmpty() ? null : unused.get(0)));
      if (reuse == null) {
        ObjectMeta meta = ObjectMeta.generated(namespace, service + "-").withLabels(labels)
            .withOwnerReferences(List.of(owner));
        writes.add(new Create(EndpointSlice.of(meta, "IPv4", content.endpoints(), content.ports())));
        continue;
      }
      unused.remove(reuse);
      if (!reuse.ports().equals(content.ports()) || !reuse.endpoints().equals(content.endpoints())
          || !Objects.equals(reuse.metadata().labelsOrEmpty(), labels)) {
        writes.add(new Update(reuse, content, labels));
      }
    }
    unused.forEach(s -> writes.add(new Delete(s)));
    return writes;
  }

  /** The owner reference of a slice: its Service, or the Endpoints it mirrors. */
  static OwnerReference owner(KubeObject owner) {
    return new OwnerReference("v1", owner.kind(), owner.metadata().name(), owner.metadata().uid(), true, true);
  }

  /** Whether {@code object} is a slice the controller named {@code managedBy} keeps for the Service named {@code service}. */
  static boolean managedFor(KubeObject object, String service, String managedBy) {
    Map<String, String> labels = object.metadata().labelsOrEmpty();
    return managedBy.equals(labels.get(EndpointSlice.MANAGED_BY_LABEL))
        && service.equals(labels.get(EndpointSlice.SERVICE_NAME_LABEL));
  }
}
