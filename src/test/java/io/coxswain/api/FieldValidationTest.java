package io.coxswain.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.api.core.Pod;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-side field validation with Kubernetes' answers as the expected values. */
class FieldValidationTest {
  private static final String POD = """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","name":"q","labelz":{"a":"b"}},
       "spec":{"containers":[{"name":"c","image":"x"},{"name":"d","image":"y","imagePolicy":"Always",
        "ports":[{"containerPort":80,"hostPot":8080}]}],"restartPolicy":"Always","restartPolicy":"Never",
        "nodeSelectorTerms":{}}}""";

  private static final String YAML_POD = """
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
      spec:
        containers:
        - name: c
          image: x
          image: y
          resources: {limits: {cpu: 1}, limitz: {}}
      """;

  private static Pod decode(String body, String type, FieldValidation validation, List<String> warnings) {
    return Json.decode(body.getBytes(StandardCharsets.UTF_8), type, Pod.class, validation, warnings);
  }

  @Test
  void warnNamesEveryUnknownAndDuplicateFieldWithItsPath() {
    List<String> warnings = new ArrayList<>();
    Pod pod = decode(POD, "application/json", FieldValidation.WARN, warnings);
    assertThat(warnings).as("in document order").containsExactly(
        "duplicate field \"metadata.name\"",
        "unknown field \"metadata.labelz\"",
        "unknown field \"spec.containers[1].imagePolicy\"",
        "unknown field \"spec.containers[1].ports[0].hostPot\"",
        "duplicate field \"spec.restartPolicy\"",
        "unknown field \"spec.nodeSelectorTerms\"");
    assertThat(pod.metadata().name()).as("the last of duplicates wins, as in Go").isEqualTo("q");
    assertThat(pod.spec().restartPolicy()).isEqualTo("Never");
  }

  @Test
  void strictRefusesWithOneBadRequestListingThemAll() {
    assertThatThrownBy(() -> decode(POD, "application/json", FieldValidation.STRICT, null))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo("Pod in version \"v1\" cannot be handled as a Pod: strict decoding "
              + "error: duplicate field \"metadata.name\", unknown field \"metadata.labelz\", unknown field "
              + "\"spec.containers[1].imagePolicy\", unknown field \"spec.containers[1].ports[0].hostPot\", "
              + "duplicate field \"spec.restartPolicy\", unknown field \"spec.nodeSelectorTerms\"");
        });
  }

  @Test
  void yamlBodiesAreCheckedTheSameWay() {
    List<String> warnings = new ArrayList<>();
    decode(YAML_POD, "application/yaml", FieldValidation.WARN, warnings);
    assertThat(warnings).containsExactly("duplicate field \"spec.containers[0].image\"",
        "unknown field \"spec.containers[0].resources.limitz\"");
  }

  @Test
  void ignoreAcceptsSilentlyAndKnownFieldsNeverWarn() {
    List<String> warnings = new ArrayList<>();
    decode(POD, "application/json", FieldValidation.IGNORE, warnings);
    assertThat(warnings).isEmpty();
    decode("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","managedFields":[{"manager":"m",
         "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:anything":{}}}}]},
         "spec":{"affinity":{"nodeAffinity":{}},"securityContext":{"runAsUser":1},
          "containers":[{"name":"c","image":"x","envFrom":[{"configMapRef":{"name":"m"}}]}]}}""",
        "application/json", FieldValidation.STRICT, warnings);
    assertThat(warnings).as("free-form fieldsV1 and every modelled field are known").isEmpty();
  }

  @Test
  void theParameterTakesKubernetesValuesOnly() {
    assertThat(FieldValidation.parse(null, "CreateOptions")).isEqualTo(FieldValidation.WARN);
    assertThat(FieldValidation.parse("", "CreateOptions")).isEqualTo(FieldValidation.WARN);
    assertThat(FieldValidation.parse("Strict", "CreateOptions")).isEqualTo(FieldValidation.STRICT);
    assertThat(FieldValidation.parse("Ignore", "PatchOptions")).isEqualTo(FieldValidation.IGNORE);
    assertThatThrownBy(() -> FieldValidation.parse("strict", "UpdateOptions"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.getMessage()).isEqualTo("UpdateOptions.meta.k8s.io \"\" is invalid: fieldValidation: "
              + "Unsupported value: \"strict\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"");
        });
  }
}
