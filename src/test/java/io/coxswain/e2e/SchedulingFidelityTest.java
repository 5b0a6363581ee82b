package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fields that change where and whether pods run, driven with stock kubectl: node affinity, pod
 * anti-affinity by hostname, and NoExecute taints evicting pods that do not tolerate them.
 */
@Tag("integration")
class SchedulingFidelityTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static TestNode node;
  private static Http http;
  private static Kubectl kubectl;
  private static String nodeName;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of("coxswain.node.pod-sync-period", "100ms"));
    http = new Http(node.url());
    kubectl = new Kubectl(node.url());
    nodeName = http.get("/api/v1/nodes").json().at("/items/0/metadata/name").asText();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static Kubectl.Result ok(String... args) {
    Kubectl.Result result = kubectl.run(args);
    assertThat(result.exitCode()).as("kubectl %s\n%s", String.join(" ", args), result.all()).isZero();
    return result;
  }

  private static JsonNode pod(String name) {
    return http.get(PODS + "/" + name).json();
  }

  private static void create(String yaml) {
    Http.Reply reply = http.post(PODS + "?fieldValidation=Strict", "application/yaml", yaml);
    assertThat(reply.code()).as(reply.body()).isEqualTo(201);
  }

  @Test
  void requiredNodeAffinityWaitsForANodeThatMatches() {
    create("""
        apiVersion: v1
        kind: Pod
        metadata: {name: on-mars}
        spec:
          containers: [{name: c, image: busybox}]
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                - matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [mars]}]
        """);
    await().atMost(Duration.ofSeconds(20)).until(() -> pod("on-mars").at("/status/conditions/0/reason").asText()
        .equals("Unschedulable"));
    assertThat(pod("on-mars").at("/status/conditions/0/message").asText())
        .isEqualTo("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.");
    assertThat(pod("on-mars").at("/spec/nodeName").isMissingNode()).isTrue();
    ok("label", "node", nodeName, "topology.kubernetes.io/zone=mars");
    await().atMost(Duration.ofSeconds(20)).until(() -> pod("on-mars").at("/spec/nodeName").asText().equals(nodeName));
    ok("label", "node", nodeName, "topology.kubernetes.io/zone-");
    ok("delete", "pod", "on-mars", "--grace-period=0", "--force");
  }

  @Test
  void antiAffinityByHostnameKeepsTheSecondReplicaOffTheOnlyNode() {
    Http.Reply rc = http.post("/api/v1/namespaces/default/replicationcontrollers", "application/yaml", """
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: db}
        spec:
          replicas: 2
          selector: {app: db}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers: [{name: c, image: busybox}]
              affinity:
                podAntiAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                  - labelSelector: {matchLabels: {app: db}}
                    topologyKey: kubernetes.io/hostname
        """);
    assertThat(rc.code()).as(rc.body()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      JsonNode items = http.get(PODS + "?labelSelector=app%3Ddb").json().get("items");
      long bound = 0;
      long refused = 0;
      for (JsonNode p : items) {
        bound += p.at("/spec/nodeName").isMissingNode() ? 0 : 1;
        refused += p.at("/status/conditions/0/message").asText().contains("didn't match pod anti-affinity rules")
            ? 1 : 0;
      }
      return items.size() == 2 && bound == 1 && refused == 1;
    });
    ok("delete", "rc", "db");
  }

  @Test
  void noExecuteTaintsEvictPodsThatDoNotTolerateThem() {
    create("""
        apiVersion: v1
        kind: Pod
        metadata: {name: plain}
        spec: {containers: [{name: c, image: busybox}], terminationGracePeriodSeconds: 0}
        """);
    create("""
        apiVersion: v1
        kind: Pod
        metadata: {name: tolerant}
        spec:
          containers: [{name: c, image: busybox}]
          tolerations: [{key: dedicated, operator: Exists, effect: NoExecute}]
        """);
    create("""
        apiVersion: v1
        kind: Pod
        metadata: {name: brief}
        spec:
          containers: [{name: c, image: busybox}]
          terminationGracePeriodSeconds: 0
          tolerations: [{key: dedicated, operator: Equal, value: db, effect: NoExecute, tolerationSeconds: 3}]
        """);
    for (String name : new String[] {"plain", "tolerant", "brief"}) {
      await().atMost(Duration.ofSeconds(20)).until(() -> pod(name).at("/status/phase").asText().equals("Running"));
    }
    ok("taint", "node", nodeName, "dedicated=db:NoExecute");
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> http.get(PODS + "/plain").code() == 404);
      assertThat(http.get(PODS + "/brief").code()).as("tolerated for 3 s").isEqualTo(200);
      await().atMost(Duration.ofSeconds(20)).until(() -> http.get(PODS + "/brief").code() == 404);
      assertThat(pod("tolerant").at("/metadata/deletionTimestamp").isMissingNode()).as("tolerated for ever").isTrue();
      assertThat(ok("get", "events", "--field-selector", "reason=TaintManagerEviction", "-o", "name").out())
          .isNotBlank();
    } finally {
      kubectl.run("taint", "node", nodeName, "dedicated=db:NoExecute-");
    }
    ok("delete", "pod", "tolerant", "--grace-period=0", "--force");
  }
}
