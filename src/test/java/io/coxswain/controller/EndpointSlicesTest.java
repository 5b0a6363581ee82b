package io.coxswain.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A Service's EndpointSlices, through the API and stock kubectl, as Kubernetes' endpoint slice
 * and mirroring controllers keep them: one endpoint per selected pod with its conditions, a pod
 * being deleted marked terminating, a deleted slice made again, user Endpoints of a Service
 * without a selector mirrored, and everything gone with its Service.
 */
@Tag("integration")
class EndpointSlicesTest {
  private static final String SLICES = "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices";

  private static List<JsonNode> slicesOf(Http http, String service) {
    List<JsonNode> slices = new ArrayList<>();
    http.get(SLICES + "?labelSelector=kubernetes.io/service-name%3D" + service).json().get("items")
        .forEach(slices::add);
    return slices;
  }

  private static List<JsonNode> endpointsOf(Http http, String service) {
    List<JsonNode> endpoints = new ArrayList<>();
    slicesOf(http, service).forEach(s -> s.path("endpoints").forEach(endpoints::add));
    return endpoints;
  }

  @Test
  void slicesFollowThePodsAndKubectlShowsThem() {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"))) {
      Http http = new Http(node.url());
      Kubectl kubectl = new Kubectl(node.url());
      assertThat(http.post("/api/v1/namespaces/default/replicationcontrollers", "application/yaml", """
          kind: ReplicationController
          metadata: {name: web}
          spec:
            replicas: 2
            selector: {app: web}
            template:
              metadata: {labels: {app: web}}
              spec: {containers: [{name: c, image: busybox, ports: [{name: http, containerPort: 8080}]}]}
          """).code()).isEqualTo(201);
      assertThat(http.post("/api/v1/namespaces/default/services", "application/yaml", """
          kind: Service
          metadata: {name: web, labels: {tier: front}}
          spec:
            selector: {app: web}
            ports: [{name: http, port: 80, targetPort: http, appProtocol: http}]
          """).code()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(30)).until(() -> endpointsOf(http, "web").stream()
          .filter(e -> e.at("/conditions/ready").asBoolean()).count() == 2);
      JsonNode slice = slicesOf(http, "web").get(0);
      assertThat(slicesOf(http, "web")).hasSize(1);
      assertThat(slice.get("addressType").asText()).isEqualTo("IPv4");
      assertThat(slice.at("/metadata/generateName").asText()).isEqualTo("web-");
      assertThat(slice.at("/metadata/labels/endpointslice.kubernetes.io~1managed-by").asText())
          .isEqualTo("endpointslice-controller.k8s.io");
      assertThat(slice.at("/metadata/labels/tier").asText()).isEqualTo("front");
      assertThat(slice.at("/metadata/ownerReferences/0/kind").asText()).isEqualTo("Service");
      assertThat(slice.at("/ports/0/port").asInt()).as("named targetPort resolved").isEqualTo(8080);
      assertThat(slice.at("/ports/0/name").asText()).isEqualTo("http");
      assertThat(slice.at("/ports/0/appProtocol").asText()).isEqualTo("http");
      JsonNode endpoint = slice.at("/endpoints/0");
      assertThat(endpoint.at("/conditions/serving").asBoolean()).isTrue();
      assertThat(endpoint.at("/conditions/terminating").asBoolean()).isFalse();
      assertThat(endpoint.at("/targetRef/kind").asText()).isEqualTo("Pod");
      assertThat(endpoint.at("/nodeName").asText()).isNotEmpty();
      // The Endpoints the endpoints controller keeps are marked so that they are not mirrored as well.
      assertThat(http.get("/api/v1/namespaces/default/endpoints/web").json()
          .at("/metadata/labels/endpointslice.kubernetes.io~1skip-mirror").asText()).isEqualTo("true");
      assertThat(http.get("/api/v1/namespaces/default/endpoints/web").json().at("/metadata/labels")
          .has("service.kubernetes.io/headless")).isFalse();
      // A headless Service's Endpoints and slices carry the headless label.
      assertThat(http.post("/api/v1/namespaces/default/services", "application/yaml", """
          kind: Service
          metadata: {name: web-headless}
          spec: {clusterIP: None, selector: {app: web}, ports: [{name: http, port: 80, targetPort: http}]}
          """).code()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/namespaces/default/endpoints/web-headless")
          .json().at("/metadata/labels").has("service.kubernetes.io/headless")
          && !slicesOf(http, "web-headless").isEmpty()
          && slicesOf(http, "web-headless").get(0).at("/metadata/labels").has("service.kubernetes.io/headless"));

      Kubectl.Result get = kubectl.run("get", "endpointslices", "-l", "kubernetes.io/service-name=web");
      assertThat(get.exitCode()).as(get.all()).isZero();
      assertThat(get.out()).contains("ADDRESSTYPE", "IPv4", "8080", "10.244.");
      Kubectl.Result describe = kubectl.run("describe", "service", "web");
      assertThat(describe.out()).as(describe.all()).containsPattern("Endpoints:\\s+10\\.244\\.\\d+\\.\\d+:8080,");
      Kubectl.Result explain = kubectl.run("explain", "endpointslice.endpoints.conditions.terminating");
      assertThat(explain.exitCode()).as(explain.all()).isZero();
      assertThat(explain.out()).contains("being deleted");

      // A pod held by a finalizer while it is deleted: terminating, no longer ready.
      String pod = endpointsOf(http, "web").get(0).at("/targetRef/name").asText();
      assertThat(http.patch("/api/v1/namespaces/default/pods/" + pod, "application/merge-patch+json",
          "{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}").code()).isEqualTo(200);
      assertThat(http.delete("/api/v1/namespaces/default/pods/" + pod).code()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> endpointsOf(http, "web").stream()
          .anyMatch(e -> e.at("/targetRef/name").asText().equals(pod) && e.at("/conditions/terminating").asBoolean()
              && !e.at("/conditions/ready").asBoolean()));
      assertThat(http.get("/api/v1/namespaces/default/endpoints/web").json().toString())
          .as("v1 Endpoints leave terminating pods out").doesNotContain(pod);
      assertThat(http.patch("/api/v1/namespaces/default/pods/" + pod, "application/merge-patch+json",
          "{\"metadata\":{\"finalizers\":null}}").code()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> endpointsOf(http, "web").stream()
          .noneMatch(e -> e.at("/targetRef/name").asText().equals(pod)));

      // A slice deleted by hand is made again.
      String name = slicesOf(http, "web").get(0).at("/metadata/name").asText();
      assertThat(http.delete(SLICES + "/" + name).code()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> slicesOf(http, "web").size() == 1
          && !slicesOf(http, "web").get(0).at("/metadata/name").asText().equals(name));

      assertThat(http.delete("/api/v1/namespaces/default/services/web").code()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> slicesOf(http, "web").isEmpty());
    }
  }

  @Test
  void endpointsOfAServiceWithoutSelectorAreMirroredAndBadSlicesAreRefused() {
    try (TestNode node = TestNode.start(Map.of())) {
      Http http = new Http(node.url());
      assertThat(http.post("/api/v1/namespaces/default/services", "application/yaml", """
          kind: Service
          metadata: {name: db}
          spec: {ports: [{port: 5432}]}
          """).code()).isEqualTo(201);
      assertThat(http.post("/api/v1/namespaces/default/endpoints", "application/yaml", """
          kind: Endpoints
          metadata: {name: db}
          subsets:
          - addresses: [{ip: 192.0.2.10}]
            notReadyAddresses: [{ip: 192.0.2.11}]
            ports: [{port: 5432}]
          """).code()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(30)).until(() -> endpointsOf(http, "db").size() == 2);
      JsonNode slice = slicesOf(http, "db").get(0);
      assertThat(slice.at("/metadata/labels/endpointslice.kubernetes.io~1managed-by").asText())
          .isEqualTo("endpointslicemirroring-controller.k8s.io");
      assertThat(slice.at("/metadata/ownerReferences/0/kind").asText()).isEqualTo("Endpoints");
      assertThat(endpointsOf(http, "db")).extracting(e -> e.at("/addresses/0").asText() + "="
          + e.at("/conditions/ready").asBoolean()).containsExactly("192.0.2.10=true", "192.0.2.11=false");

      assertThat(http.delete("/api/v1/namespaces/default/endpoints/db").code()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> slicesOf(http, "db").isEmpty());

      // Kubernetes' validation: the field at fault, and nothing written.
      Http.Reply bad = http.post(SLICES, "application/yaml", """
          apiVersion: discovery.k8s.io/v1
          kind: EndpointSlice
          metadata: {name: bad}
          addressType: IPv5
          endpoints: [{addresses: ["300.1.2.3"]}]
          ports: [{port: 70000}]
          """);
      assertThat(bad.code()).as(bad.body()).isEqualTo(422);
      assertThat(bad.body()).contains("addressType", "ports[0].port");
      assertThat(http.get(SLICES + "/bad").code()).isEqualTo(404);
      Http.Reply wrongAddress = http.post(SLICES, "application/yaml", """
          apiVersion: discovery.k8s.io/v1
          kind: EndpointSlice
          metadata: {name: bad}
          addressType: IPv4
          endpoints: [{addresses: ["300.1.2.3"]}]
          """);
      assertThat(wrongAddress.code()).as(wrongAddress.body()).isEqualTo(422);
      assertThat(wrongAddress.body()).contains("endpoints[0].addresses[0]", "must be a valid IPv4 address");
    }
  }
}
