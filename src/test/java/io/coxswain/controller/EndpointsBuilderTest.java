package io.coxswain.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.core.EndpointAddress;
import io.coxswain.api.core.EndpointSubset;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Service;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which pods a Service's Endpoints list, and where, as Kubernetes' endpoints controller decides. */
class EndpointsBuilderTest {
  private static Service service(boolean publishNotReady) {
    return Json.decode(("{\"kind\":\"Service\",\"metadata\":{\"name\":\"db\",\"namespace\":\"d\"},\"spec\":"
        + "{\"selector\":{\"app\":\"db\"},\"publishNotReadyAddresses\":" + publishNotReady
        + ",\"ports\":[{\"port\":5432}]}}").getBytes(StandardCharsets.UTF_8), "application/json", Service.class);
  }

  private static Pod pod(String name, String ip, boolean ready, String phase, boolean deleting, String hostname) {
    return Json.decode(("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"d\","
        + "\"labels\":{\"app\":\"db\"}" + (deleting ? ",\"deletionTimestamp\":\"2026-11-30T00:00:00Z\"" : "")
        + "},\"spec\":{\"hostname\":\"" + hostname + "\",\"subdomain\":\"db\",\"containers\":[{\"name\":\"c\","
        + "\"image\":\"x\"}]},\"status\":{\"phase\":\"" + phase + "\",\"podIP\":\"" + ip + "\",\"conditions\":"
        + "[{\"type\":\"Ready\",\"status\":\"" + (ready ? "True" : "False") + "\"}]}}")
        .getBytes(StandardCharsets.UTF_8), "application/json", Pod.class);
  }

  private static final List<Pod> PODS = List.of(
      pod("a", "10.0.0.1", true, "Running", false, "db-0"),
      pod("b", "10.0.0.2", false, "Running", false, "db-1"),
      pod("c", "10.0.0.3", true, "Running", true, "db-2"),
      pod("d", "10.0.0.4", false, "Succeeded", false, "db-3"));

  private static List<String> ips(List<EndpointAddress> addresses) {
    return addresses.stream().map(EndpointAddress::ip).toList();
  }

  @Test
  void readyApartFromNotReadyFinishedAndTerminatingLeft() {
    EndpointSubset subset = EndpointsBuilder.subsets(service(false), PODS).get(0);
    assertThat(ips(subset.addresses())).containsExactly("10.0.0.1");
    assertThat(ips(subset.notReadyAddresses())).containsExactly("10.0.0.2");
    assertThat(subset.addresses().get(0).hostname()).as("subdomain is the service").isEqualTo("db-0");
  }

  @Test
  void publishNotReadyAddressesPublishesEveryPodThatRunsTerminatingToo() {
    EndpointSubset subset = EndpointsBuilder.subsets(service(true), PODS).get(0);
    assertThat(ips(subset.addresses())).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
    assertThat(subset.notReadyAddresses()).isEmpty();
  }

  /** Addresses are ordered by IP (as text), whatever the pods' names, as Kubernetes repacks them. */
  @Test
  void addressesAreOrderedByIp() {
    List<Pod> pods = List.of(pod("a", "10.0.0.17", true, "Running", false, "x"),
        pod("b", "10.0.0.12", true, "Running", false, "y"), pod("c", "10.0.0.9", true, "Running", false, "z"));
    assertThat(ips(EndpointsBuilder.subsets(service(false), pods).get(0).addresses()))
        .containsExactly("10.0.0.12", "10.0.0.17", "10.0.0.9");
  }
}
