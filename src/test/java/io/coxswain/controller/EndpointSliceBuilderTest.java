package io.coxswain.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Service;
import io.coxswain.api.discovery.Endpoint;
import io.coxswain.api.discovery.EndpointConditions;
import io.coxswain.api.discovery.EndpointSlice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Service's EndpointSlices as Kubernetes' endpoint slice controller computes them. */
class EndpointSliceBuilderTest {
  private static Service service(String extraSpec, String ports) {
    return Json.decode(("{\"kind\":\"Service\",\"metadata\":{\"name\":\"db\",\"namespace\":\"d\",\"uid\":\"u1\","
        + "\"labels\":{\"tier\":\"data\"}},\"spec\":{\"selector\":{\"app\":\"db\"}" + extraSpec
        + ",\"ports\":" + ports + "}}").getBytes(StandardCharsets.UTF_8), "application/json", Service.class);
  }

  private static Service service(String extraSpec) {
    return service(extraSpec, "[{\"name\":\"sql\",\"port\":5432,\"targetPort\":\"sql\",\"appProtocol\":\"postgres\"}]");
  }

  private static Pod pod(String name, String ip, boolean ready, String phase, boolean deleting, int sqlPort) {
    String ports = sqlPort == 0 ? "[]" : "[{\"name\":\"sql\",\"containerPort\":" + sqlPort + "}]";
    return Json.decode(("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"d\",\"uid\":\"p-"
        + name + "\",\"labels\":{\"app\":\"db\"}" + (deleting ? ",\"deletionTimestamp\":\"2026-11-30T00:00:00Z\"" : "")
        + "},\"spec\":{\"nodeName\":\"n1\",\"hostname\":\"" + name + "\",\"subdomain\":\"db\",\"containers\":[{\"name\":\"c\","
        + "\"image\":\"x\",\"ports\":" + ports + "}]},\"status\":{\"phase\":\"" + phase + "\",\"podIP\":\"" + ip
        + "\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"" + (ready ? "True" : "False") + "\"}]}}")
        .getBytes(StandardCharsets.UTF_8), "application/json", Pod.class);
  }

  private static final List<Pod> PODS = List.of(
      pod("a", "10.0.0.1", true, "Running", false, 5432),
      pod("b", "10.0.0.2", false, "Running", false, 5432),
      pod("c", "10.0.0.3", true, "Running", true, 5432),
      pod("d", "10.0.0.4", false, "Succeeded", false, 5432),
      pod("e", "10.0.0.5", true, "Running", false, 6432),
      pod("f", "10.0.0.6", true, "Running", false, 0));

  @Test
  void terminatingPodsStayAsServingButNotReadyAndPortsGroupThePods() {
    List<EndpointSliceBuilder.Content> slices = EndpointSliceBuilder.desired(service(""), PODS);
    assertThat(slices).hasSize(3);
    EndpointSliceBuilder.Content main = slices.get(0);
    assertThat(main.ports()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("sql");
      assertThat(p.port()).isEqualTo(5432);
      assertThat(p.protocol()).isEqualTo("TCP");
      assertThat(p.appProtocol()).isEqualTo("postgres");
    });
    assertThat(main.endpoints()).extracting(e -> e.addresses().get(0))
        .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    assertThat(main.endpoints()).extracting(Endpoint::conditions).containsExactly(
        new EndpointConditions(true, true, false),
        new EndpointConditions(false, false, false),
        new EndpointConditions(false, true, true));
    Endpoint a = main.endpoints().get(0);
    assertThat(a.nodeName()).isEqualTo("n1");
    assertThat(a.hostname()).isEqualTo("a");
    assertThat(a.targetRef().uid()).isEqualTo("p-a");
    assertThat(slices.get(1).ports()).singleElement().satisfies(p -> assertThat(p.port()).isEqualTo(6432));
    // A pod without the named port is an endpoint with no ports, as Kubernetes keeps it.
    assertThat(slices.get(2).ports()).isEmpty();
    assertThat(slices.get(2).endpoints()).extracting(e -> e.addresses().get(0)).containsExactly("10.0.0.6");

    List<EndpointSliceBuilder.Content> published = EndpointSliceBuilder.desired(
        service(",\"publishNotReadyAddresses\":true"), PODS);
    assertThat(published.get(0).endpoints()).extracting(e -> e.conditions().ready()).containsOnly(true);
  }

  @Test
  void aServiceWithoutEndpointsKeepsOneEmptySliceAndBigOnesSplitAtAHundred() {
    assertThat(EndpointSliceBuilder.desired(service(""), List.of()))
        .containsExactly(new EndpointSliceBuilder.Content(List.of(), List.of()));
    List<Pod> many = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      many.add(pod(String.format("p%03d", i), "10.1." + (i / 200) + "." + (i % 200 + 1), true, "Running", false, 5432));
    }
    assertThat(EndpointSliceBuilder.desired(service(""), many)).extracting(c -> c.endpoints().size())
        .containsExactly(100, 100, 50);
  }

  @Test
  void thePlanReusesSlicesWritesOnlyWhatChangedAndDeletesTheRest() {
    Service service = service("");
    List<EndpointSliceBuilder.Content> desired = EndpointSliceBuilder.desired(service, PODS.subList(0, 3));
    List<EndpointSliceBuilder.Write> first = plan(service, desired, List.of());
    assertThat(first).singleElement().isInstanceOfSatisfying(EndpointSliceBuilder.Create.class, c -> {
      EndpointSlice slice = c.slice();
      assertThat(slice.metadata().generateName()).isEqualTo("db-");
      assertThat(slice.metadata().labels()).containsEntry("kubernetes.io/service-name", "db")
          .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
          .containsEntry("tier", "data");
      assertThat(slice.metadata().ownerReferences()).singleElement()
          .satisfies(o -> assertThat(o.uid()).isEqualTo("u1"));
      assertThat(slice.addressType()).isEqualTo("IPv4");
    });
    EndpointSlice stored = ((EndpointSliceBuilder.Create) first.get(0)).slice()
        .withMetadata(((EndpointSliceBuilder.Create) first.get(0)).slice().metadata().withName("db-abcde"));
    assertThat(plan(service, desired, List.of(stored))).as("nothing changed").isEmpty();

    EndpointSlice stray = stored.withMetadata(stored.metadata().withName("db-zzzzz"));
    List<EndpointSliceBuilder.Write> next = plan(service,
        EndpointSliceBuilder.desired(service, PODS.subList(0, 1)), List.of(stored, stray));
    assertThat(next).hasSize(2);
    assertThat(next.get(0)).isInstanceOfSatisfying(EndpointSliceBuilder.Update.class,
        u -> assertThat(u.content().endpoints()).hasSize(1));
    assertThat(next.get(1)).isInstanceOf(EndpointSliceBuilder.Delete.class);
    assertThat(EndpointSliceBuilder.managedFor(stored, "db", EndpointSliceBuilder.MANAGED_BY)).isTrue();
    assertThat(EndpointSliceBuilder.managedFor(stored, "db", EndpointSliceBuilder.MIRRORED_BY)).isFalse();
    assertThat(EndpointSliceBuilder.managedFor(EndpointSlice.of(ObjectMeta.named("d", "x"), "IPv4", List.of(),
        List.of()), "db", EndpointSliceBuilder.MANAGED_BY)).isFalse();
  }

  private static List<EndpointSliceBuilder.Write> plan(Service service, List<EndpointSliceBuilder.Content> desired,
      List<EndpointSlice> existing) {
    return EndpointSliceBuilder.plan("d", "db", EndpointSliceBuilder.labels(service),
        EndpointSliceBuilder.owner(service), desired, existing);
  }

  @Test
  void endpointsOfAServiceWithoutSelectorAreMirroredReadyAndNotReady() {
    io.coxswain.api.core.Endpoints endpoints = Json.decode(("{\"kind\":\"Endpoints\",\"metadata\":{\"name\":\"ext\","
        + "\"namespace\":\"d\",\"labels\":{\"team\":\"a\"}},\"subsets\":[{\"addresses\":[{\"ip\":\"192.0.2.1\"}],"
        + "\"notReadyAddresses\":[{\"ip\":\"192.0.2.2\"}],\"ports\":[{\"port\":5432}]}]}")
        .getBytes(StandardCharsets.UTF_8), "application/json", io.coxswain.api.core.Endpoints.class);
    List<EndpointSliceBuilder.Content> mirrored = EndpointSliceBuilder.mirrored(endpoints);
    assertThat(mirrored).singleElement().satisfies(c -> {
      assertThat(c.ports()).singleElement().satisfies(p -> {
        assertThat(p.port()).isEqualTo(5432);
        assertThat(p.name()).isEmpty();
        assertThat(p.protocol()).isEqualTo("TCP");
      });
      assertThat(c.endpoints()).extracting(e -> e.addresses().get(0) + "=" + e.conditions().ready())
          .containsExactly("192.0.2.1=true", "192.0.2.2=false");
    });
    assertThat(EndpointSliceBuilder.mirrorLabels(endpoints)).containsEntry("team", "a")
        .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslicemirroring-controller.k8s.io")
        .containsEntry("kubernetes.io/service-name", "ext");
    assertThat(EndpointSliceBuilder.mirrors(endpoints)).isTrue();
    assertThat(EndpointSliceBuilder.mirrors(endpoints.withMetadata(endpoints.metadata()
        .withLabels(Map.of("endpointslice.kubernetes.io/skip-mirror", "true"))))).isFalse();
  }
}
