package io.coxswain.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.ClientIPConfig;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import io.coxswain.api.core.SessionAffinityConfig;
import io.coxswain.api.discovery.Endpoint;
import io.coxswain.api.discovery.EndpointConditions;
import io.coxswain.api.discovery.EndpointPort;
import io.coxswain.api.discovery.EndpointSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceRulesTest {
  private static Service service(String name, String clusterIp, String type, List<ServicePort> ports) {
    ServiceSpec spec = ServiceSpec.of(Map.of("app", name), ports).withClusterIP(clusterIp).toBuilder().type(type)
        .build();
    return new Service(null, null, ObjectMeta.named("default", name), spec, null);
  }

  private static List<EndpointSlice> endpoints(List<String> ready, List<String> notReady, List<EndpointPort> ports) {
    List<Endpoint> endpoints = new java.util.ArrayList<>();
    ready.forEach(ip -> endpoints.add(Endpoint.of(ip, new EndpointConditions(true, true, false), null, null, null)));
    notReady.forEach(ip -> endpoints.add(Endpoint.of(ip, new EndpointConditions(false, false, false), null, null,
        null)));
    return List.of(EndpointSlice.of(ObjectMeta.named("default", "x"), "IPv4", endpoints, ports));
  }

  private static EndpointPort port(String name, int port, String protocol) {
    return new EndpointPort(name == null ? "" : name, protocol, port, null);
  }

  private static final ServicePort HTTP = new ServicePort("http", "TCP", null, 80, IntOrString.of("web"), null);

  @Test
  void aServicePortPicksAtRandomAmongReadyEndpointsOnly() {
    Service web = service("web", "10.96.0.10", "ClusterIP", List.of(HTTP));
    Ruleset rules = ServiceRules.plan(List.of(web), s -> endpoints(List.of("10.244.1.3", "10.244.1.2"),
        List.of("10.244.1.9"), List.of(port("http", 8080, "TCP"))));
    assertThat(rules.serviceIps()).singleElement().asString().startsWith("10.96.0.10 . tcp . 80 : goto svc-");
    assertThat(rules.endpointChains()).isEqualTo(2);
    String serviceChain = rules.chains().keySet().stream().filter(c -> c.startsWith("svc-")).findFirst().orElseThrow();
    assertThat(rules.chains().get(serviceChain)).singleElement().asString().startsWith("numgen random mod 2 vmap");
    assertThat(rules.chains().values().stream().flatMap(List::stream).filter(r -> r.contains("dnat")).toList())
        .containsExactly("meta l4proto tcp dnat ip to 10.244.1.2:8080", "meta l4proto tcp dnat ip to 10.244.1.3:8080");
    assertThat(rules.noEndpoints()).isEmpty();
  }

  @Test
  void portsAreMatchedByNameAndProtocol() {
    ServicePort dns = new ServicePort("dns", "UDP", null, 53, IntOrString.of(5353), null);
    Service both = service("both", "10.96.0.11", "ClusterIP", List.of(HTTP, dns));
    Ruleset rules = ServiceRules.plan(List.of(both), s -> endpoints(List.of("10.244.1.2"), List.of(), List.of(
        port("http", 8080, "TCP"), port("dns", 5353, "UDP"),
        port("dns", 9999, "TCP"))));
    assertThat(rules.chains().values().stream().flatMap(List::stream).filter(r -> r.contains("dnat")).toList())
        .containsExactlyInAnyOrder("meta l4proto tcp dnat ip to 10.244.1.2:8080",
            "meta l4proto udp dnat ip to 10.244.1.2:5353");
  }

  @Test
  void noReadyEndpointIsRejectedAndHeadlessOrExternalNameGetNothing() {
    ServicePort np = new ServicePort(null, "TCP", null, 80, IntOrString.of(80), 30080);
    Service empty = service("empty", "10.96.0.12", "NodePort", List.of(np));
    Service headless = service("headless", "None", "ClusterIP", List.of(HTTP));
    Service external = service("external", null, "ExternalName", List.of(HTTP));
    Ruleset rules = ServiceRules.plan(List.of(empty, headless, external),
        s -> endpoints(List.of(), List.of("10.244.1.9"), List.of(port(null, 80, "TCP"))));
    assertThat(rules.chains()).isEmpty();
    assertThat(rules.serviceIps()).isEmpty();
    assertThat(rules.noEndpoints()).containsExactly("10.96.0.12 . tcp . 80");
    assertThat(rules.noEndpointNodePorts()).containsExactly("tcp . 30080");
  }

  @Test
  void nodePortsJumpToTheSameServiceChain() {
    ServicePort np = new ServicePort(null, "TCP", null, 80, IntOrString.of(80), 30080);
    Ruleset rules = ServiceRules.plan(List.of(service("np", "10.96.0.13", "NodePort", List.of(np))),
        s -> endpoints(List.of("10.244.1.2"), List.of(), List.of(port(null, 80, "TCP"))));
    String chain = rules.serviceIps().get(0).split(" : goto ")[1];
    assertThat(rules.nodePorts()).containsExactly("tcp . 30080 : goto " + chain);
    assertThat(rules.chains().get(chain)).singleElement().asString().startsWith("goto ep-");
  }

  @Test
  void clientIpAffinityRemembersTheClientPerEndpoint() {
    Service sticky = service("sticky", "10.96.0.14", "ClusterIP", List.of(HTTP)).withSpec(
        service("sticky", "10.96.0.14", "ClusterIP", List.of(HTTP)).spec().toBuilder().sessionAffinity("ClientIP")
            .sessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(60))).build());
    Ruleset rules = ServiceRules.plan(List.of(sticky), s -> endpoints(List.of("10.244.1.2", "10.244.1.3"), List.of(),
        List.of(port("http", 8080, "TCP"))));
    assertThat(rules.affinitySets()).hasSize(2).allSatisfy((name, timeout) -> assertThat(timeout).isEqualTo(60));
    String chain = rules.serviceIps().get(0).split(" : goto ")[1];
    assertThat(rules.chains().get(chain)).hasSize(3).first().asString().startsWith("ip saddr @aff-");
    assertThat(rules.chains().entrySet().stream().filter(e -> e.getKey().startsWith("ep-"))
        .allMatch(e -> e.getValue().get(0).startsWith("update @aff-"))).isTrue();
  }

  @Test
  void chainNamesAreStableAcrossPlans() {
    Service web = service("web", "10.96.0.10", "ClusterIP", List.of(HTTP));
    java.util.function.Function<Service, List<EndpointSlice>> eps = s -> endpoints(List.of("10.244.1.2"), List.of(),
        List.of(port("http", 8080, "TCP")));
    assertThat(ServiceRules.plan(List.of(web), eps)).isEqualTo(ServiceRules.plan(List.of(web), eps));
  }

  @Test
  void terminatingEndpointsThatStillServeTakeTrafficOnlyWhenNoneIsReady() {
    Service web = service("web", "10.96.0.10", "ClusterIP", List.of(HTTP));
    List<EndpointPort> ports = List.of(port("http", 8080, "TCP"));
    Endpoint ready = Endpoint.of("10.244.1.2", new EndpointConditions(true, true, false), null, null, null);
    Endpoint leaving = Endpoint.of("10.244.1.3", new EndpointConditions(false, true, true), null, null, null);
    Endpoint stopped = Endpoint.of("10.244.1.4", new EndpointConditions(false, false, true), null, null, null);
    Endpoint unknown = Endpoint.of("10.244.1.5", new EndpointConditions(null, null, null), null, null, null);
    java.util.function.Function<List<Endpoint>, List<String>> dnats = endpoints -> ServiceRules.plan(List.of(web),
        s -> List.of(EndpointSlice.of(ObjectMeta.named("default", "web-a"), "IPv4", endpoints, ports)))
        .chains().values().stream().flatMap(List::stream).filter(r -> r.contains("dnat")).toList();
    assertThat(dnats.apply(List.of(ready, leaving, stopped))).containsExactly("meta l4proto tcp dnat ip to 10.244.1.2:8080");
    assertThat(dnats.apply(List.of(leaving, stopped))).as("the fallback")
        .containsExactly("meta l4proto tcp dnat ip to 10.244.1.3:8080");
    assertThat(dnats.apply(List.of(stopped))).isEmpty();
    assertThat(dnats.apply(List.of(unknown))).as("unset ready counts as ready")
        .containsExactly("meta l4proto tcp dnat ip to 10.244.1.5:8080");
  }
}
