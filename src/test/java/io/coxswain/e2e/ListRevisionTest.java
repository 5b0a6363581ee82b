package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lists at a revision, as Kubernetes answers them: resourceVersionMatch validated, Exact from the
 * watch window (410 once it has left it), a revision not reached yet waited for and then 504, and
 * remainingItemCount on paged lists without selectors.
 */
@Tag("integration")
class ListRevisionTest {
  private static final String CMS = "/api/v1/namespaces/default/configmaps";
  private static TestNode node;
  private static Http http;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of("coxswain.scheduler.enabled", false, "coxswain.controllers.enabled", false,
        "coxswain.store.watch-window", 50, "coxswain.node.heartbeat-interval", "1h",
        "coxswain.api.min-request-timeout", "2s"));
    http = new Http(node.url());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static long create(String name) {
    Http.Reply reply = http.post(CMS, "application/yaml", "metadata: {name: " + name + ", labels: {set: rv}}");
    assertThat(reply.code()).as(reply.body()).isEqualTo(201);
    return reply.json().at("/metadata/resourceVersion").asLong();
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.get("items").forEach(i -> names.add(i.at("/metadata/name").asText()));
    return names;
  }

  @Test
  void exactListsTheStateAtThatRevisionAndPagesIt() {
    long a = create("rv-a");
    long b = create("rv-b");
    create("rv-c");
    assertThat(http.delete(CMS + "/rv-a").code()).isEqualTo(200);
    JsonNode atA = http.get(CMS + "?resourceVersion=" + a + "&resourceVersionMatch=Exact").json();
    assertThat(names(atA)).containsExactly("rv-a");
    assertThat(atA.at("/metadata/resourceVersion").asText()).isEqualTo(Long.toString(a));
    assertThat(names(http.get(CMS + "?resourceVersion=" + b + "&resourceVersionMatch=Exact").json()))
        .containsExactly("rv-a", "rv-b");
    assertThat(names(http.get(CMS).json())).containsExactly("rv-b", "rv-c");

    JsonNode page1 = http.get(CMS + "?resourceVersion=" + b + "&resourceVersionMatch=Exact&limit=1").json();
    assertThat(names(page1)).containsExactly("rv-a");
    assertThat(page1.at("/metadata/remainingItemCount").asLong()).isEqualTo(1);
    JsonNode page2 = http.get(CMS + "?limit=1&continue=" + page1.at("/metadata/continue").asText()).json();
    assertThat(names(page2)).containsExactly("rv-b");
    assertThat(page2.at("/metadata/continue").isMissingNode()).isTrue();
    assertThat(page2.at("/metadata/resourceVersion").asText()).isEqualTo(Long.toString(b));
  }

  @Test
  void remainingItemCountOnlyWithoutSelectors() {
    create("count-1");
    create("count-2");
    JsonNode all = http.get(CMS).json();
    JsonNode first = http.get(CMS + "?limit=1").json();
    assertThat(first.at("/metadata/remainingItemCount").asLong()).isEqualTo(all.get("items").size() - 1);
    assertThat(http.get(CMS + "?limit=1&labelSelector=set%3Drv").json().at("/metadata/remainingItemCount")
        .isMissingNode()).isTrue();
  }

  @Test
  void aRevisionNotReachedIsWaitedForThen504AndOneThatLeftTheWindowIs410() {
    long now = http.get(CMS).json().at("/metadata/resourceVersion").asLong();
    Http.Reply future = http.get(CMS + "?resourceVersion=" + (now + 1000) + "&resourceVersionMatch=NotOlderThan");
    assertThat(future.code()).isEqualTo(504);
    assertThat(future.json().get("reason").asText()).isEqualTo("Timeout");
    assertThat(future.json().get("message").asText()).startsWith("Too large resource version: " + (now + 1000));
    assertThat(http.get(CMS + "?resourceVersion=" + now).code()).as("not older than: at once").isEqualTo(200);
    long old = create("old");
    for (int i = 0; i < 60; i++) {
      create("filler-" + i);
    }
    Http.Reply gone = http.get(CMS + "?resourceVersion=" + old + "&resourceVersionMatch=Exact");
    assertThat(gone.code()).isEqualTo(410);
    assertThat(gone.json().get("reason").asText()).isEqualTo("Expired");
  }

  @Test
  void aWatchWithoutTimeoutSecondsEndsBetweenTheMinimumRequestTimeoutAndTwiceIt() {
    long started = System.nanoTime();
    Http.Reply watch = http.get(CMS + "?watch=true");
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(watch.code()).isEqualTo(200);
    assertThat(seconds).as("the server ended the watch").isBetween(1.9, 6.0);
  }

  @Test
  void resourceVersionMatchIsValidatedAsKubernetesDoes() {
    String[][] cases = {
        {"?resourceVersionMatch=Exact", "resourceVersionMatch is forbidden unless resourceVersion is provided"},
        {"?resourceVersion=5&resourceVersionMatch=Newest", "Unsupported value: \"Newest\""},
        {"?resourceVersion=0&resourceVersionMatch=Exact",
            "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""},
        {"?resourceVersion=5&resourceVersionMatch=Exact&continue=abc",
            "resourceVersionMatch is forbidden when continue is provided"},
        {"?watch=true&resourceVersion=5&resourceVersionMatch=NotOlderThan",
            "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"}};
    for (String[] c : cases) {
      Http.Reply reply = http.get(CMS + c[0]);
      assertThat(reply.code()).as(c[0]).isEqualTo(422);
      assertThat(reply.json().get("message").asText()).as(c[0]).startsWith("ListOptions.meta.k8s.io \"\" is invalid: ")
          .contains(c[1]);
      assertThat(reply.json().at("/details/causes/0/field").asText()).isEqualTo("resourceVersionMatch");
    }
  }
}
