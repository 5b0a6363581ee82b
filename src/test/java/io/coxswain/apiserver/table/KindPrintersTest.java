package io.coxswain.apiserver.table;

import static io.coxswain.apiserver.table.Fixtures.NOW;
import static io.coxswain.apiserver.table.Fixtures.ago;
import static io.coxswain.apiserver.table.Fixtures.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.EndpointAddress;
import io.coxswain.api.core.EndpointPort;
import io.coxswain.api.core.EndpointSubset;
import io.coxswain.api.core.Endpoints;
import io.coxswain.api.core.Event;
import io.coxswain.api.core.EventSource;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.NamespaceStatus;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.NodeAddress;
import io.coxswain.api.core.NodeCondition;
import io.coxswain.api.core.NodeSpec;
import io.coxswain.api.core.NodeStatus;
import io.coxswain.api.core.NodeSystemInfo;
import io.coxswain.api.core.ObjectReference;
import io.coxswain.api.core.PodSpec;
import io.coxswain.api.core.PodTemplateSpec;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.ReplicationControllerSpec;
import io.coxswain.api.core.ReplicationControllerStatus;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindPrintersTest {

  @Test
  void replicationControllerCountsAndWideTemplate() {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put("tier", "front");
    selector.put("app", "web");
    PodTemplateSpec template = new PodTemplateSpec(null,
        PodSpec.of(List.of(Container.of("web", "nginx:1"), Container.of("log", "busybox"))));
    ReplicationController rc = ReplicationController.of(meta("default", "web", 7200),
        new ReplicationControllerSpec(3, null, selector, template))
        .withStatus(new ReplicationControllerStatus(2, null, 1, null, null, null));
    assertEquals(List.of("web", 3L, 2L, 1L, "120m", "web,log", "nginx:1,busybox", "app=web,tier=front"),
        new ReplicationControllerPrinter().row(rc, NOW).cells());
  }

  @Test
  void replicationControllerWithoutReplicasOrStatusDefaultsToOneDesired() {
    ReplicationController rc = ReplicationController.of(meta("default", "web", 10),
        new ReplicationControllerSpec(null, null, null, null));
    assertEquals(List.of("web", 1L, 0L, 0L, "10s", "", "", "<none>"),
        new ReplicationControllerPrinter().row(rc, NOW).cells());
  }

  @Test
  void serviceShowsTypeClusterIpAndPorts() {
    ServiceSpec spec = ServiceSpec.of(Map.of("app", "web"), List.of(
        ServicePort.of("http", 80, IntOrString.of(8080)).withDefaults("TCP", IntOrString.of(8080)),
        ServicePort.of("dns", 53, IntOrString.of(53)).withDefaults("UDP", IntOrString.of(53)).withNodePort(30053)))
        .withClusterIP("10.96.0.10");
    Service service = Service.of(meta("default", "web", 90), spec);
    assertEquals(List.of("web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP,53:30053/UDP", "90s", "app=web"),
        new ServicePrinter().row(service, NOW).cells());
  }

  @Test
  void loadBalancerWithoutIngressIsPending() {
    ServiceSpec spec = ServiceSpec.of(null, List.of()).withPolicies("LoadBalancer", null, null, null);
    Service service = Service.of(meta("default", "lb", 90), spec);
    List<Object> cells = new ServicePrinter().row(service, NOW).cells();
    assertEquals("<pending>", cells.get(3));
    assertEquals("<none>", cells.get(2));
    assertEquals("<none>", cells.get(4));
  }

  @Test
  void nodeStatusRolesAndSystemInfo() {
    NodeStatus status = NodeStatus.builder().conditions(List.of(new NodeCondition("Ready", "True", ago(5), ago(100), "KubeletReady", "ready"))).addresses(List.of(new NodeAddress("InternalIP", "192.168.1.5"), new NodeAddress("Hostname", "n1"))).nodeInfo(new NodeSystemInfo(null, null, null, "6.1.0", "Debian GNU/Linux 12", "docker://24.0.7", "v1.32.0-coxswain",
            null, "linux", "amd64", null, null)).build();
    Node node = Node.of(ObjectMeta.named(null, "n1").withCreationTimestamp(ago(3 * 86400 + 3600))
        .withLabels(Map.of("node-role.kubernetes.io/control-plane", "")), new NodeSpec(null, null, null, true, null, null, null, null),
        status);
    assertEquals(List.of("n1", "Ready,SchedulingDisabled", "control-plane", "3d1h", "v1.32.0-coxswain",
        "192.168.1.5", "<none>", "Debian GNU/Linux 12", "6.1.0", "docker://24.0.7"),
        new NodePrinter().row(node, NOW).cells());
  }

  @Test
  void nodeWithoutReadyConditionIsUnknownAndFalseIsNotReady() {
    Node bare = Node.of(ObjectMeta.named(null, "n2").withCreationTimestamp(ago(10)), null, null);
    assertEquals(List.of("n2", "Unknown", "<none>", "10s", "", "<none>", "<none>", "<unknown>", "<unknown>",
        "<unknown>"), new NodePrinter().row(bare, NOW).cells());
    NodeStatus notReady = NodeStatus.builder().conditions(List.of(new NodeCondition("Ready", "Unknown", null, null, null, null))).build();
    assertEquals("NotReady", new NodePrinter().row(bare.withStatus(notReady), NOW).cells().get(1));
  }

  @Test
  void namespaceShowsPhase() {
    Namespace ns = Namespace.of("team-a").withMetadata(ObjectMeta.named(null, "team-a")
        .withCreationTimestamp(ago(40))).withStatus(new NamespaceStatus("Active", null));
    assertEquals(List.of("team-a", "Active", "40s"), new NamespacePrinter().row(ns, NOW).cells());
  }

  @Test
  void endpointsListThreeAddressesThenCountTheRest() {
    List<EndpointAddress> addresses = List.of(address("10.0.0.1"), address("10.0.0.2"), address("10.0.0.3"),
        address("10.0.0.4"));
    EndpointSubset subset = new EndpointSubset(addresses, null,
        List.of(new EndpointPort("http", 80, "TCP", null), new EndpointPort("metrics", 9090, "TCP", null)));
    Endpoints endpoints = Endpoints.of(meta("default", "web", 60), List.of(subset));
    assertEquals(List.of("web", "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 5 more...", "60s"),
        new EndpointsPrinter().row(endpoints, NOW).cells());
    assertEquals("<none>", EndpointsPrinter.format(List.of()));
    assertEquals("10.0.0.1:80",
        EndpointsPrinter.format(List.of(new EndpointSubset(List.of(address("10.0.0.1")), null,
            List.of(new EndpointPort(null, 80, "TCP", null))))));
    assertEquals("[fd00::1]:80", EndpointsPrinter.format(List.of(new EndpointSubset(List.of(address("fd00::1")),
        null, List.of(new EndpointPort(null, 80, "TCP", null))))));
  }

  @Test
  void eventsNameTheirObjectAndSource() {
    Event event = new Event("v1", "Event", meta("default", "web.17a", 120),
        new ObjectReference("Pod", "default", "web", null, "v1", null, "spec.containers{web}"), "BackOff",
        "Back-off restarting failed container\n", new EventSource("kubelet", "n1"), ago(120), ago(30), 4, "Warning",
        null, null, null, null, null, null);
    assertEquals(List.of("30s", "Warning", "BackOff", "pod/web", "spec.containers{web}", "kubelet, n1",
        "Back-off restarting failed container", "2m", 4L, "web.17a"), new EventPrinter().row(event, NOW).cells());
  }

  @Test
  void eventsWithOnlyEventTimeCountOnce() {
    Event event = new Event("v1", "Event", meta("default", "e", 5), ObjectReference.of("Node", null, ""),
        "Started", "started", null, null, null, null, "Normal", ago(5), null, null, "coxswain", "n1", null);
    List<Object> cells = new EventPrinter().row(event, NOW).cells();
    assertEquals("5s", cells.get(0));
    assertEquals("node", cells.get(3));
    assertEquals("coxswain, n1", cells.get(5));
    assertEquals(1L, cells.get(8));
  }

  private static EndpointAddress address(String ip) {
    return new EndpointAddress(ip, null, null, null);
  }
}
