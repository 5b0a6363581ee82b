package io.coxswain.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes' pod garbage collection of orphans: a pod bound to a node that never existed, one
 * deleted while bound there (Terminating with no agent to finish it), and one left on a node that
 * was deleted are all removed once the node has been missing for the quarantine; a pod on a node
 * that exists is left alone.
 */
@Tag("integration")
class PodGarbageCollectorTest {
  private static String pod(String name, String node) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s}
        spec:
          nodeName: %s
          containers: [{name: c, image: busybox}]
        """.formatted(name, node);
  }

  @Test
  void podsOnNodesThatDoNotExistAreCollected() {
    try (TestNode node = TestNode.start(Map.of("coxswain.controllers.pod-gc-quarantine", "2s"))) {
      Http http = new Http(node.url());
      String pods = "/api/v1/namespaces/default/pods";
      assertThat(http.post("/api/v1/nodes", "application/yaml", """
          apiVersion: v1
          kind: Node
          metadata: {name: ghost}
          """).code()).isEqualTo(201);
      assertThat(http.post(pods, "application/yaml", pod("on-foo", "foo-node")).code()).isEqualTo(201);
      assertThat(http.post(pods, "application/yaml", pod("deleted-on-foo", "foo-node")).code()).isEqualTo(201);
      assertThat(http.post(pods, "application/yaml", pod("on-ghost", "ghost")).code()).isEqualTo(201);
      assertThat(http.delete(pods + "/deleted-on-foo").code()).isEqualTo(200);
      assertThat(http.get(pods + "/deleted-on-foo").json().at("/metadata/deletionTimestamp").isMissingNode())
          .as("Terminating: nothing will stop it").isFalse();

      await().atMost(Duration.ofSeconds(30)).until(() -> http.get(pods + "/on-foo").code() == 404
          && http.get(pods + "/deleted-on-foo").code() == 404);
      assertThat(http.get(pods + "/on-ghost").code()).as("its node exists").isEqualTo(200);
      Kubectl.Result events = new Kubectl(node.url()).run("get", "events", "--field-selector",
          "involvedObject.name=on-foo");
      assertThat(events.out()).contains("PodGarbageCollected");

      assertThat(http.delete("/api/v1/nodes/ghost").code()).isEqualTo(200);
      await().atMost(Duration.ofSeconds(30)).until(() -> http.get(pods + "/on-ghost").code() == 404);
    }
  }
}
