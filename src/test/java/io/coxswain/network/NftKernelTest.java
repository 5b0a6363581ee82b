package io.coxswain.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.ObjectMeta;
import io.coxswain.api.discovery.Endpoint;
import io.coxswain.api.discovery.EndpointConditions;
import io.coxswain.api.discovery.EndpointPort;
import io.coxswain.api.discovery.EndpointSlice;
import io.coxswain.api.core.ClientIPConfig;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import io.coxswain.api.core.SessionAffinityConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scripts against the real kernel: a table goes from empty through services that come, change
 * endpoints, gain affinity and go, each step one {@code nft -f} transaction the kernel accepts. No
 * packet is sent; the table is removed at the end.
 */
@Tag("integration")
class NftKernelTest {
  private static Service service(String name, int ip, boolean sticky) {
    ServiceSpec spec = ServiceSpec.of(Map.of("app", name), List.of(
        new ServicePort("http", "TCP", null, 80, IntOrString.of(8080), 30000 + ip),
        new ServicePort("dns", "UDP", null, 53, IntOrString.of(53), null))).withClusterIP("10.96.200." + ip)
        .toBuilder().type("NodePort").sessionAffinity(sticky ? "ClientIP" : "None")
        .sessionAffinityConfig(sticky ? new SessionAffinityConfig(new ClientIPConfig(30)) : null).build();
    return new Service(null, null, ObjectMeta.named("default", name), spec, null);
  }

  private static List<EndpointSlice> endpoints(int count) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      endpoints.add(Endpoint.of("10.244.200." + (i + 2), new EndpointConditions(true, true, false), null, null, null));
    }
    return List.of(EndpointSlice.of(ObjectMeta.named("default", "x"), "IPv4", endpoints,
        List.of(new EndpointPort("http", "TCP", 8080, null), new EndpointPort("dns", "UDP", 53, null))));
  }

  @Test
  void everyTransitionIsAcceptedByTheKernel() throws Exception {
    ServiceRange range = new ServiceRange("10.96.0.0/16");
    range.ensureLocal();
    NftTables.check();
    String table = NftTables.tableOf("kernel-test");
    List<Ruleset> steps = List.of(Ruleset.EMPTY,
        ServiceRules.plan(List.of(service("a", 1, false), service("b", 2, true)), s -> endpoints(3)),
        ServiceRules.plan(List.of(service("a", 1, true), service("b", 2, true)), s -> endpoints(1)),
        ServiceRules.plan(List.of(service("a", 1, false)), s -> endpoints(0)),
        ServiceRules.plan(List.of(service("a", 1, false), service("c", 3, false)), s -> endpoints(2)),
        Ruleset.EMPTY);
    Ruleset previous = null;
    try {
      for (Ruleset step : steps) {
        NftTables.apply(NftScript.transaction(table, NftTables.ownerComment("kernel-test"), range.cidr(), previous,
            step));
        previous = step;
        String listed = HostCommands.run(List.of("nft", "list", "table", "ip", table), null).stdout();
        for (String chain : step.chains().keySet()) {
          assertThat(listed).contains("chain " + chain + " {");
        }
        assertThat(listed.lines().filter(l -> l.strip().startsWith("chain ep-")).count())
            .isEqualTo(step.endpointChains());
        assertThat(listed.lines().filter(l -> l.strip().startsWith("chain svc-")).count())
            .isEqualTo(step.chains().keySet().stream().filter(c -> c.startsWith("svc-")).count());
        for (String element : step.serviceIps()) {
          assertThat(listed).contains(element.substring(0, element.indexOf(" : ")));
        }
        for (String element : step.noEndpoints()) {
          assertThat(listed).contains(element);
        }
      }
    } finally {
      NftTables.apply(NftScript.deletion(table));
    }
  }
}
