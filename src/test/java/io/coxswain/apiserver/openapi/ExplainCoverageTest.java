package io.coxswain.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What kubectl explain prints: every definition of the OpenAPI document and every property in it is described. */
class ExplainCoverageTest {
  @Test
  void everyDefinitionAndPropertyHasADescription() {
    JsonNode definitions = OpenApiV2.document().get("definitions");
    List<String> undescribed = new ArrayList<>();
    definitions.properties().forEach(definition -> {
      String type = definition.getKey().substring(definition.getKey().lastIndexOf('.') + 1);
      if (definition.getValue().path("description").asText().isBlank()) {
        undescribed.add(type);
      }
      definition.getValue().path("properties").properties().forEach(property -> {
        if (property.getValue().path("description").asText().isBlank()) {
          undescribed.add(type + "." + property.getKey());
        }
      });
    });
    assertThat(undescribed).as("definitions and properties without a description").isEmpty();
  }
}
