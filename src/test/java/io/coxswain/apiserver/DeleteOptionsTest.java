package io.coxswain.apiserver;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.api.ApiException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DeleteOptions as Kubernetes reads them: the body when there is one (every field, dryRun too),
 * the query otherwise; a malformed field is 400, never a forced or unconditional delete.
 */
class DeleteOptionsTest {

  private static ApiRequest delete(Map<String, String> query, String body) {
    RequestPath path = RequestPath.parse("/api/v1/namespaces/default/pods/p").orElseThrow();
    return new ApiRequest("DELETE", path, query, "application/json", "", body == null ? null : body.getBytes(UTF_8));
  }

  @Test
  void everyFieldOfTheBodyCounts() {
    DeleteOptions options = DeleteOptions.parse(delete(Map.of(), """
        {"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":5,"propagationPolicy":"Foreground",
         "preconditions":{"uid":"u-1","resourceVersion":"7"},"dryRun":["All"]}"""));
    assertThat(options.dryRun()).as("kubectl delete --dry-run=server sends it in the body").isTrue();
    assertThat(options.options().gracePeriodSeconds()).isEqualTo(5L);
    assertThat(options.options().propagationPolicy()).isEqualTo("Foreground");
    assertThat(options.options().uid()).isEqualTo("u-1");
    assertThat(options.options().resourceVersion()).isEqualTo("7");
    assertThat(DeleteOptions.parse(delete(Map.of(), "{\"orphanDependents\":true}")).options().propagationPolicy())
        .isEqualTo("Orphan");
  }

  @Test
  void withoutABodyTheQueryCounts() {
    DeleteOptions options = DeleteOptions.parse(delete(Map.of("gracePeriodSeconds", "0", "dryRun", "All",
        "propagationPolicy", "Orphan"), null));
    assertThat(options.dryRun()).isTrue();
    assertThat(options.options().gracePeriodSeconds()).isZero();
    assertThat(options.options().propagationPolicy()).isEqualTo("Orphan");
    assertThat(DeleteOptions.parse(delete(Map.of("orphanDependents", "false"), null)).options().propagationPolicy())
        .isEqualTo("Background");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"gracePeriodSeconds\":\"abc\"}", "{\"gracePeriodSeconds\":true}", "{\"gracePeriodSeconds\":[5]}",
      "{\"gracePeriodSeconds\":1.5}", "{\"gracePeriodSeconds\":-1}",
      "{\"preconditions\":{\"resourceVersion\":[\"1\"]}}", "{\"preconditions\":\"garbage\"}",
      "{\"preconditions\":{\"uid\":5}}", "{\"propagationPolicy\":[\"Orphan\"]}",
      "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}", "{\"dryRun\":\"All\"}", "{\"dryRun\":[\"Some\"]}",
      "{\"orphanDependents\":\"yes\"}", "[1]"})
  void aMalformedBodyIsABadRequest(String body) {
    assertThatThrownBy(() -> DeleteOptions.parse(delete(Map.of(), body))).isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"propagationPolicy\":\"Sideways\"}",
      "{\"orphanDependents\":true,\"propagationPolicy\":\"Background\"}"})
  void wellFormedButInvalidOptionsAre422OnDeleteOptions(String body) {
    assertThatThrownBy(() -> DeleteOptions.parse(delete(Map.of(), body))).isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(422))
        .hasMessageContaining("DeleteOptions.meta.k8s.io");
  }

  @Test
  void queryBooleansReadAsKubernetesReadsThem() {
    for (String yes : new String[] {"true", "True", "TRUE", "1", "t", "yes", ""}) {
      assertThat(QueryBooleans.isTrue(yes)).as(yes).isTrue();
    }
    for (String no : new String[] {"false", "False", "FALSE", "0"}) {
      assertThat(QueryBooleans.isTrue(no)).as(no).isFalse();
    }
    assertThat(QueryBooleans.isTrue(null)).isFalse();
    assertThatThrownBy(() -> delete(Map.of("dryRun", "all"), null).dryRun())
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
  }
}
