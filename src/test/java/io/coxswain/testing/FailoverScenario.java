package io.coxswain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node-failure scenario the failover test and benchmark share: an RC "web" spread over the
 * members' nodes, then kill -9 of one member and the time until every replica runs again on the
 * survivors. Observed through member 1's API (member 1 is never the one killed).
 */
public final class FailoverScenario {
  /** Member JVM settings: quick pod syncs and heartbeats, the rest as shipped. */
  public static final List<String> MEMBER_SETTINGS = List.of("-Dcoxswain.node.pod-sync-period=200ms",
      "-Dcoxswain.node.heartbeat-interval=2s");
  private static final String PODS = "/api/v1/namespaces/default/pods";

  private final TestCluster cluster;
  private final Http api;

  public FailoverScenario(TestCluster cluster) {
    this.cluster = cluster;
    this.api = new Http(cluster.member(1).url());
  }

  public void awaitNodesReady() {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      JsonNode items = api.get("/api/v1/nodes").json().get("items");
      int ready = 0;
      for (JsonNode node : items) {
        for (JsonNode condition : node.at("/status/conditions")) {
          if (condition.get("type").asText().equals("Ready") && condition.get("status").asText().equals("True")) {
            ready++;
          }
        }
      }
      return ready == cluster.size();
    });
  }

  public void createReplicationController(int replicas) {
    Http.Reply reply = api.post("/api/v1/namespaces/default/replicationcontrollers", "application/yaml", """
        kind: ReplicationController
        metadata: {name: web}
        spec:
          replicas: %d
          selector: {app: web}
          template:
            metadata: {labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: 1
              containers: [{name: c, image: "coxswain-test/busybox:1", command: ["sleep", "3600"]}]
        """.formatted(replicas));
    assertThat(reply.code()).as(reply.body()).isEqualTo(201);
  }

  /** The RC's pods that are not being deleted. */
  public List<JsonNode> replicaPods() {
    List<JsonNode> pods = new ArrayList<>();
    Http.Reply reply = api.get(PODS + "?labelSelector=app%3Dweb");
    if (reply.code() != 200) {
      return pods; // the store is moving: no answer yet
    }
    reply.json().get("items").forEach(p -> {
      if (p.at("/metadata/deletionTimestamp").isMissingNode()) {
        pods.add(p);
      }
    });
    return pods;
  }

  /** Exactly {@code replicas} live replicas, all Running, all on {@code nodes}. */
  public boolean replicasRunningOn(int replicas, List<String> nodes) {
    List<JsonNode> pods = replicaPods();
    return pods.size() == replicas && pods.stream().allMatch(p -> p.at("/status/phase").asText().equals("Running")
        && nodes.contains(p.at("/spec/nodeName").asText()));
  }

  public void awaitReplicas(int replicas, List<String> nodes, Duration timeout) {
    await().atMost(timeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> replicasRunningOn(replicas, nodes));
  }

  public Map<String, Integer> nodesOfReplicas() {
    Map<String, Integer> counts = new TreeMap<>();
    replicaPods().forEach(p -> counts.merge(p.at("/spec/nodeName").asText(), 1, Integer::sum));
    return counts;
  }

  /** Creates {@code count} namespaces, each acknowledged (201) before the next. */
  public List<String> writeMarkers(int count) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = "marker-" + i;
      Http.Reply reply = api.post("/api/v1/namespaces", "application/json",
          "{\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
      assertThat(reply.code()).as(reply.body()).isEqualTo(201);
      names.add(name);
    }
    return names;
  }

  /** kill -9 of member {@code i}; the time until every replica runs again on {@code survivors}. */
  public Duration killAndTime(int i, List<String> survivors, Duration timeout) throws InterruptedException {
    int replicas = replicaPods().size();
    long start = System.nanoTime();
    cluster.kill9(i);
    await().atMost(timeout).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> replicasRunningOn(replicas, survivors));
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
