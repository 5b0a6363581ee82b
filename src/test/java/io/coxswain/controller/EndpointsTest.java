package io.coxswain.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A Service's Endpoints follow its pods: ready ones as addresses, named target ports resolved. */
@Tag("integration")
class EndpointsTest {
  @Test
  void endpointsListTheReadyPodsOfTheSelector() {
    try (TestNode node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"))) {
      Http http = new Http(node.url());
      assertThat(http.post("/api/v1/namespaces/default/replicationcontrollers", "application/yaml", """
          kind: ReplicationController
          metadata: {name: web}
          spec:
            replicas: 3
            selector: {app: web}
            template:
              metadata: {labels: {app: web}}
              spec: {containers: [{name: c, image: busybox, ports: [{name: http, containerPort: 8080}]}]}
          """).code()).isEqualTo(201);
      assertThat(http.post("/api/v1/namespaces/default/services", "application/yaml", """
          kind: Service
          metadata: {name: web}
          spec:
            selector: {app: web}
            ports: [{port: 80, targetPort: http}]
          """).code()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        JsonNode ep = http.get("/api/v1/namespaces/default/endpoints/web").json();
        return ep.at("/subsets/0/addresses").size() == 3;
      });
      JsonNode subset = http.get("/api/v1/namespaces/default/endpoints/web").json().at("/subsets/0");
      assertThat(subset.at("/ports/0/port").asInt()).as("named targetPort resolved").isEqualTo(8080);
      assertThat(subset.at("/addresses/0/ip").asText()).startsWith("10.244.1.");
      assertThat(subset.at("/addresses/0/targetRef/kind").asText()).isEqualTo("Pod");

      assertThat(http.patch("/api/v1/namespaces/default/replicationcontrollers/web/scale",
          "application/merge-patch+json", "{\"spec\":{\"replicas\":1}}").code()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/namespaces/default/endpoints/web").json()
          .at("/subsets/0/addresses").size() == 1);

      assertThat(http.delete("/api/v1/namespaces/default/services/web").code()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/namespaces/default/endpoints/web").code() == 404);
    }
  }
}
