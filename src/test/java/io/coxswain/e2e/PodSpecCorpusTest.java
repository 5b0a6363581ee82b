package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Corpus;
import io.coxswain.testing.CorpusStates;
import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.TestNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The manifest corpus on the simulated runtime, through stock kubectl: every document applies,
 * every field it sets comes back, and each pod reaches the state Kubernetes would give it (Running
 * and Ready; held by its scheduling gates until they are removed; waiting in ContainerCreating with
 * a FailedMount event naming a volume type no node here can mount).
 */
@Tag("integration")
class PodSpecCorpusTest {
  private static TestNode node;
  private static Kubectl kubectl;
  private static Http http;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of());
    kubectl = new Kubectl(node.url());
    http = new Http(node.url());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static JsonNode get(JsonNode object) {
    String kind = object.path("kind").asText().toLowerCase(java.util.Locale.ROOT);
    Kubectl.Result got = kubectl.run("get", kind, object.at("/metadata/name").asText(), "-o", "json");
    assertThat(got.exitCode()).as(got.all()).isZero();
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(got.out());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyManifestAppliesKeepsEveryFieldAndItsPodsReachKubernetesState() {
    List<JsonNode> objects = Corpus.objects(kubectl);
    assertThat(objects).hasSizeGreaterThanOrEqualTo(10);
    Corpus.applyAll(kubectl);
    for (JsonNode object : objects) {
      Corpus.assertKept(object, get(object));
    }
    for (JsonNode object : objects) {
      if (!"Pod".equals(object.path("kind").asText()) || !Corpus.runsOn(object, "simulated")) {
        continue;
      }
      String name = object.at("/metadata/name").asText();
      String expect = object.at("/metadata/annotations").path(Corpus.EXPECT).asText();
      CorpusStates.await(http, kubectl, name, expect);
    }
    CorpusStates.ungateAndRun(http, kubectl, "corpus-gated");
  }
}
