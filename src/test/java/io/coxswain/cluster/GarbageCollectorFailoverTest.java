package io.coxswain.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.testing.FailoverScenario;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A foreground cascade whose collector's member dies in the middle of it: three member JVMs
 * sharing a PostgreSQL journal (three, so the survivors are a majority for the split brain
 * resolver), the oldest (member 0) hosting the store and the singletons. A
 * Service owns an RC of 4 pods; the RC carries a finalizer of a test's own, so the cascade stops
 * half-way (pods gone, RC marked and held, Service waiting). Member 0 is killed with -9; once the
 * hold is lifted through the survivor, the collector that started there finishes the chain.
 */
@Tag("integration")
class GarbageCollectorFailoverTest {
  private static final String NS = "/api/v1/namespaces/default";
  private static final String HOLD = "test.coxswain.io/hold";

  @Test
  void aCascadeInterruptedByTheDeathOfItsMemberIsFinishedByTheSuccessor() throws Exception {
    try (TestCluster cluster = TestCluster.start(3, "simulated", FailoverScenario.MEMBER_SETTINGS)) {
      new FailoverScenario(cluster).awaitNodesReady();
      Http api = new Http(cluster.member(1).url());
      Http.Reply top = api.post(NS + "/services", "application/json",
          "{\"kind\":\"Service\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"top\"},\"spec\":{\"ports\":[{\"port\":80}]}}");
      assertThat(top.code()).as(top.body()).isEqualTo(201);
      Http.Reply mid = api.post(NS + "/replicationcontrollers", "application/yaml", """
          kind: ReplicationController
          metadata:
            name: mid
            finalizers: [%s]
            ownerReferences: [{apiVersion: v1, kind: Service, name: top, uid: %s, blockOwnerDeletion: true}]
          spec:
            replicas: 4
            selector: {app: mid}
            template:
              metadata: {labels: {app: mid}}
              spec: {containers: [{name: c, image: busybox}]}
          """.formatted(HOLD, top.json().at("/metadata/uid").asText()));
      assertThat(mid.code()).as(mid.body()).isEqualTo(201);
      await().atMost(Duration.ofSeconds(60)).until(() -> pods(api) == 4);

      assertThat(api.delete(NS + "/services/top?propagationPolicy=Foreground").code()).isEqualTo(200);
      // Half-way: the pods are gone, the RC has lost foregroundDeletion but is held, the Service waits.
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> pods(api) == 0
            && api.get(NS + "/replicationcontrollers/mid").json().at("/metadata/finalizers").toString()
                .equals("[\"" + HOLD + "\"]"));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        System.out.println("RC: " + api.get(NS + "/replicationcontrollers/mid").body());
        System.out.println("Service: " + api.get(NS + "/services/top").body());
        System.out.println("pods: " + api.get(NS + "/pods?labelSelector=app%3Dmid").body());
        throw e;
      }
      assertThat(api.get(NS + "/services/top").code()).isEqualTo(200);

      cluster.kill9(0);
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> api.patch(
          NS + "/replicationcontrollers/mid", "application/merge-patch+json",
          "{\"metadata\":{\"finalizers\":null}}").code() == 200);
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
          api.get(NS + "/replicationcontrollers/mid").code() == 404 && api.get(NS + "/services/top").code() == 404);
      assertThat(pods(api)).isZero();
    }
  }

  private static int pods(Http api) {
    return api.get(NS + "/pods?labelSelector=app%3Dmid").json().get("items").size();
  }
}
