package io.coxswain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.api.ApiException;
import io.coxswain.api.Json;
import io.coxswain.api.core.Service;
import io.coxswain.store.CacheView;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceAllocatorTest {
  private static Service service(String name, String type, String clusterIp, Integer nodePort) {
    String json = "{\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"type\":\"" + type + "\""
        + (clusterIp == null ? "" : ",\"clusterIP\":\"" + clusterIp + "\"")
        + ",\"ports\":[{\"port\":80" + (nodePort == null ? "" : ",\"nodePort\":" + nodePort) + "}]}}";
    return Json.decode(json.getBytes(), "application/json", Service.class);
  }

  @Test
  void handsOutDistinctAddressesInTheRangeAndNodePortsOnlyWhereAsked() {
    ServiceAllocator allocator = new ServiceAllocator("10.96.0.0/28", new Random(7));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 13; i++) {
      Service s = (Service) allocator.allocate(service("s" + i, "ClusterIP", null, null), CacheView.empty());
      assertThat(s.spec().clusterIP()).startsWith("10.96.0.");
      assertThat(ServiceAllocator.toInt(s.spec().clusterIP()) & 15).isBetween(2, 14);
      assertThat(seen.add(s.spec().clusterIP())).as("unique").isTrue();
      assertThat(s.spec().ports().get(0).nodePort()).isNull();
    }
    assertThatThrownBy(() -> allocator.allocate(service("full", "ClusterIP", null, null), CacheView.empty()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(500));

    ServiceAllocator ports = new ServiceAllocator("10.96.0.0/16", new Random(7));
    Service nodePort = (Service) ports.allocate(service("np", "NodePort", null, null), CacheView.empty());
    assertThat(nodePort.spec().ports().get(0).nodePort()).isBetween(30000, 32767);
  }

  @Test
  void requestedAddressesAndPortsAreCheckedNotReplaced() {
    ServiceAllocator allocator = new ServiceAllocator("10.96.0.0/16", new Random(1));
    Service fixed = (Service) allocator.allocate(service("a", "NodePort", "10.96.5.5", 30080), CacheView.empty());
    assertThat(fixed.spec().clusterIP()).isEqualTo("10.96.5.5");
    assertThat(fixed.spec().ports().get(0).nodePort()).isEqualTo(30080);
    // What was asked for is not held by the allocator: a dry run, a refused create or a delete
    // leaves it free for the next request at once. Only an existing Service holds it.
    assertThat(((Service) allocator.allocate(service("a", "NodePort", "10.96.5.5", 30080), CacheView.empty()))
        .spec().clusterIP()).isEqualTo("10.96.5.5");
    CacheView withA = io.coxswain.store.TestCaches.view("services",
        java.util.List.of(fixed.withMetadata(fixed.metadata().withNamespace("default"))));
    assertThatThrownBy(() -> allocator.allocate(service("b", "ClusterIP", "10.96.5.5", null), withA))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().details().causes().get(0).field())
            .isEqualTo("spec.clusterIPs"));
    assertThatThrownBy(() -> allocator.allocate(service("c", "NodePort", null, 30080), withA))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().details().causes().get(0).field())
            .isEqualTo("spec.ports[0].nodePort"));
    assertThatThrownBy(() -> allocator.allocate(service("e", "NodePort", null, 40000), CacheView.empty()))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().details().causes().get(0).message())
            .isEqualTo("Invalid value: 40000: provided port is not in the valid range. The range of valid ports is "
                + "30000-32767"));
    assertThatThrownBy(() -> allocator.allocate(service("d", "ClusterIP", "192.168.1.1", null), CacheView.empty()))
        .isInstanceOf(ApiException.class);
    assertThat(((Service) allocator.allocate(service("h", "ClusterIP", "None", null), CacheView.empty()))
        .spec().clusterIP()).isEqualTo("None");
  }

  @Test
  void tcpAndUdpOnOnePortShareOneNodePort() {
    ServiceAllocator allocator = new ServiceAllocator("10.96.0.0/16", new Random(3));
    Service dns = Json.decode("""
        {"kind":"Service","metadata":{"name":"dns"},"spec":{"type":"NodePort","ports":[
          {"name":"dns","port":53,"protocol":"UDP"},{"name":"dns-tcp","port":53,"protocol":"TCP"},
          {"name":"metrics","port":9153,"protocol":"TCP"}]}}""".getBytes(), "application/json", Service.class);
    Service allocated = (Service) allocator.allocate(dns, CacheView.empty());
    var ports = allocated.spec().ports();
    assertThat(ports.get(0).nodePort()).isEqualTo(ports.get(1).nodePort());
    assertThat(ports.get(2).nodePort()).isNotEqualTo(ports.get(0).nodePort());
  }

  @Test
  void anExternalNameTurnedClusterIpGetsAnAddressAndItsIpFamilies() {
    ServiceAllocator allocator = new ServiceAllocator("10.96.0.0/16", new Random(9));
    Service external = Json.decode("""
        {"kind":"Service","metadata":{"name":"x","uid":"u-x"},"spec":{"type":"ExternalName",
         "externalName":"db.example"}}""".getBytes(), "application/json", Service.class);
    Service asClusterIp = external.withSpec(external.spec().toBuilder().type("ClusterIP").externalName(null)
        .ports(java.util.List.of(io.coxswain.api.core.ServicePort.of(null, 80, null))).build());
    Service updated = (Service) allocator.reallocate(external, asClusterIp, CacheView.empty());
    assertThat(updated.spec().clusterIP()).startsWith("10.96.");
    assertThat(updated.spec().clusterIPs()).containsExactly(updated.spec().clusterIP());
    assertThat(updated.spec().ipFamilies()).containsExactly("IPv4");
    assertThat(updated.spec().ipFamilyPolicy()).isEqualTo("SingleStack");
  }

  @Test
  void turningNodePortAllocatesAndTurningBackReleases() {
    ServiceAllocator allocator = new ServiceAllocator("10.96.0.0/16", new Random(5));
    Service clusterIp = (Service) allocator.allocate(service("web", "ClusterIP", null, null), CacheView.empty())
        .withMetadata(service("web", "ClusterIP", null, null).metadata().withUid("u-web"));
    Service asNodePort = clusterIp.withSpec(clusterIp.spec().withPolicies("NodePort", null, "Cluster", null));
    Service updated = (Service) allocator.reallocate(clusterIp, asNodePort, CacheView.empty());
    Integer port = updated.spec().ports().get(0).nodePort();
    assertThat(port).isBetween(30000, 32767);
    assertThat(((Service) allocator.reallocate(updated, updated, CacheView.empty())).spec().ports().get(0).nodePort())
        .as("kept on a later update").isEqualTo(port);
    Service back = updated.withSpec(updated.spec().withPolicies("ClusterIP", null, null, null));
    assertThat(((Service) allocator.reallocate(updated, back, CacheView.empty())).spec().ports().get(0).nodePort())
        .as("given back").isNull();
  }
}
