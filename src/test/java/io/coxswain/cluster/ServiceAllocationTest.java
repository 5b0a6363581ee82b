package io.coxswain.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestCluster;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two members create Services at the same moment from a service range of 13 addresses (a /28):
 * each member's allocator proposes from its own cache, and the store refuses a second holder of an
 * IP or node port, so every Service ends with its own address and node port and the range fills
 * exactly. Before the store checked claims, two members handed out the same address.
 */
@Tag("integration")
class ServiceAllocationTest {
  private static final int SERVICES = 12; // 13 usable addresses, one taken by kube-dns (10.96.0.10)

  @Test
  void twoMembersNeverHandOutTheSameClusterIpOrNodePort() throws Exception {
    List<String> settings = List.of("-Dcoxswain.api.service-cidr=10.96.0.0/28",
        "-Dcoxswain.network.service-proxy=off");
    try (TestCluster cluster = TestCluster.start(2, "simulated", settings)) {
      List<Http> members = List.of(new Http(cluster.member(0).url()), new Http(cluster.member(1).url()));
      ExecutorService pool = Executors.newFixedThreadPool(SERVICES);
      try {
        List<CompletableFuture<Http.Reply>> creates = new ArrayList<>();
        for (int i = 0; i < SERVICES; i++) {
          Http member = members.get(i % 2);
          String body = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"s" + i + "\"},"
              + "\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80}]}}";
          creates.add(CompletableFuture.supplyAsync(
              () -> member.post("/api/v1/namespaces/default/services", "application/json", body), pool));
        }
        for (CompletableFuture<Http.Reply> create : creates) {
          Http.Reply reply = create.get(60, TimeUnit.SECONDS);
          assertThat(reply.code()).as(reply.body()).isEqualTo(201);
        }
      } finally {
        pool.shutdownNow();
      }
      JsonNode list = members.get(1).get("/api/v1/services").json();
      Set<String> ips = new HashSet<>();
      Set<Integer> nodePorts = new HashSet<>();
      int services = 0;
      for (JsonNode service : list.get("items")) {
        services++;
        assertThat(ips.add(service.at("/spec/clusterIP").asText())).as("unique IP " + service).isTrue();
        JsonNode nodePort = service.at("/spec/ports/0/nodePort");
        if (!nodePort.isMissingNode()) {
          assertThat(nodePorts.add(nodePort.asInt())).as("unique node port " + service).isTrue();
        }
      }
      assertThat(ips).hasSize(services);
      assertThat(nodePorts).hasSize(SERVICES);

      // The range is full: the next one is refused as Kubernetes refuses it, and nothing is written.
      Http.Reply full = members.get(0).post("/api/v1/namespaces/default/services", "application/json",
          "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"one-too-many\"},"
              + "\"spec\":{\"ports\":[{\"port\":80}]}}");
      assertThat(full.code()).as(full.body()).isEqualTo(500);
      assertThat(full.body()).contains("range is full");
      assertThat(members.get(1).get("/api/v1/namespaces/default/services/one-too-many").code()).isEqualTo(404);
    }
  }
}
