package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Big lists stream as valid JSON, and limit/continue pages come from one consistent snapshot. */
@Tag("integration")
class ListPagingTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";

  @Test
  void streamedListsAndConsistentPages() {
    try (TestNode node = TestNode.start(Map.of("coxswain.scheduler.enabled", false,
        "coxswain.controllers.enabled", false))) {
      Http http = new Http(node.url());
      for (int i = 0; i < 600; i++) {
        assertThat(http.post(PODS, "application/json", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p-" + i + "\"},"
            + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}").code()).isEqualTo(201);
      }
      JsonNode full = http.get(PODS).json();
      assertThat(full.get("kind").asText()).isEqualTo("PodList");
      assertThat(full.get("items")).hasSize(600);

      JsonNode first = http.get(PODS + "?limit=250").json();
      String revision = first.at("/metadata/resourceVersion").asText();
      // A write between pages must not show up in the pages of the list that started earlier.
      assertThat(http.post(PODS, "application/json", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p-late\"},"
          + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}").code()).isEqualTo(201);
      Set<String> names = new HashSet<>();
      first.get("items").forEach(p -> names.add(p.at("/metadata/name").asText()));
      String token = first.at("/metadata/continue").asText();
      int pages = 1;
      while (!token.isEmpty()) {
        JsonNode page = http.get(PODS + "?limit=250&continue=" + token).json();
        assertThat(page.at("/metadata/resourceVersion").asText()).isEqualTo(revision);
        page.get("items").forEach(p -> names.add(p.at("/metadata/name").asText()));
        token = page.at("/metadata/continue").asText("");
        pages++;
      }
      assertThat(pages).isEqualTo(3);
      assertThat(names).hasSize(600).doesNotContain("p-late");
      assertThat(http.get(PODS + "?limit=250&continue=not-a-token").code()).isEqualTo(400);
    }
  }
}
