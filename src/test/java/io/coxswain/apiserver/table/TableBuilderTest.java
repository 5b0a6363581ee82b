package io.coxswain.apiserver.table;

import static io.coxswain.apiserver.table.Fixtures.CLOCK;
import static io.coxswain.apiserver.table.Fixtures.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.ApiResources;
import io.coxswain.api.core.Binding;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSpec;
import io.coxswain.api.core.PodStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableBuilderTest {
  private final Pod pod = Pod.of(meta("default", "web", 30).withLabels(Map.of("app", "web")),
      PodSpec.of(List.of(Container.of("a", "img")))).withStatus(PodStatus.phase("Pending"));

  @Test
  void listTableHasColumnsRowsAndPartialMetadata() {
    JsonNode table = TableBuilder.table(ApiResources.PODS, List.of(pod), "42", "next-page", CLOCK);
    assertEquals("Table", table.path("kind").asText());
    assertEquals("meta.k8s.io/v1", table.path("apiVersion").asText());
    assertEquals("42", table.path("metadata").path("resourceVersion").asText());
    assertEquals("next-page", table.path("metadata").path("continue").asText());

    JsonNode name = table.path("columnDefinitions").path(0);
    assertEquals("Name", name.path("name").asText());
    assertEquals("name", name.path("format").asText());
    assertEquals(0, name.path("priority").asInt());
    assertTrue(name.has("description"));
    assertEquals(1, table.path("columnDefinitions").path(5).path("priority").asInt());

    JsonNode row = table.path("rows").path(0);
    assertEquals("[\"web\",\"0/1\",\"Pending\",\"0\",\"30s\",\"<none>\",\"<none>\",\"<none>\",\"<none>\"]",
        row.path("cells").toString());
    JsonNode object = row.path("object");
    assertEquals("PartialObjectMetadata", object.path("kind").asText());
    assertEquals("meta.k8s.io/v1", object.path("apiVersion").asText());
    assertEquals("default", object.path("metadata").path("namespace").asText());
    assertEquals("web", object.path("metadata").path("labels").path("app").asText());
    assertFalse(row.has("conditions"));
  }

  @Test
  void includeObjectChoosesWhatEachRowCarries() {
    JsonNode whole = TableBuilder.table(ApiResources.PODS, List.of(pod), "42", null, IncludeObject.OBJECT, CLOCK)
        .path("rows").path(0).path("object");
    assertEquals("Pod", whole.path("kind").asText());
    assertEquals("Pending", whole.path("status").path("phase").asText());
    assertFalse(TableBuilder.table(ApiResources.PODS, List.of(pod), "42", null, IncludeObject.NONE, CLOCK)
        .path("rows").path(0).has("object"));
    assertEquals(IncludeObject.METADATA, IncludeObject.parse(null));
    assertEquals(IncludeObject.OBJECT, IncludeObject.parse("Object"));
    assertEquals(400, org.junit.jupiter.api.Assertions.assertThrows(io.coxswain.api.ApiException.class,
        () -> IncludeObject.parse("object")).code());
  }

  @Test
  void emptyContinueIsOmittedAndIntegersStayNumbers() {
    var rc = io.coxswain.api.core.ReplicationController.of(meta("default", "rc", 1),
        new io.coxswain.api.core.ReplicationControllerSpec(2, null, null, null));
    JsonNode table = TableBuilder.table(ApiResources.REPLICATION_CONTROLLERS, List.of(rc), "9", "", CLOCK);
    assertFalse(table.path("metadata").has("continue"));
    assertTrue(table.path("rows").path(0).path("cells").path(1).isNumber());
    assertEquals("integer", table.path("columnDefinitions").path(1).path("type").asText());
  }

  @Test
  void watchEventTableHasOneRowAndOptionalColumns() {
    JsonNode first = TableBuilder.tableForWatchEvent(ApiResources.PODS, pod, true, CLOCK);
    assertEquals(1, first.path("rows").size());
    assertEquals(9, first.path("columnDefinitions").size());
    assertEquals("7", first.path("metadata").path("resourceVersion").asText());
    JsonNode later = TableBuilder.tableForWatchEvent(ApiResources.PODS, pod, false, CLOCK);
    assertEquals(0, later.path("columnDefinitions").size());
    assertEquals(1, later.path("rows").size());
  }

  @Test
  void kindsWithoutPrinterGetNameAndCreatedAt() {
    Binding binding = Binding.of("default", "web", "n1").withMetadata(meta("default", "web", 3));
    JsonNode table = TableBuilder.table(ApiResources.BINDING, List.of(binding), "1", null, CLOCK);
    assertEquals("Created At", table.path("columnDefinitions").path(1).path("name").asText());
    assertEquals("date", table.path("columnDefinitions").path(1).path("type").asText());
    assertEquals(Fixtures.ago(3), table.path("rows").path(0).path("cells").path(1).asText());
  }
}
