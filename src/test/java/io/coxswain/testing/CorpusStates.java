package io.coxswain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** Waits for a corpus pod to reach the state its manifest expects, and says what it was when it does not. */
public final class CorpusStates {
  private static final String PODS = "/api/v1/namespaces/default/pods/";

  private CorpusStates() {}

  public static void await(Http http, Kubectl kubectl, String name, String expect) {
    try {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
          .until(() -> reached(http.get(PODS + name).json(), expect));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("pod " + name + " never reached " + expect + ": "
          + kubectl.run("describe", "pod", name).all(), e);
    }
    String row = kubectl.run("get", "pod", name, "--no-headers").out();
    switch (expect) {
      case "Running" -> assertThat(row).contains(" Running ");
      case "SchedulingGated" -> assertThat(row).contains(" SchedulingGated ");
      case "ContainerCreating" -> {
        assertThat(row).contains(" ContainerCreating ");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
            kubectl.run("get", "events", "--field-selector", "involvedObject.name=" + name, "-o", "json").out()
                .contains("FailedMount"));
        assertThat(kubectl.run("describe", "pod", name).out()).contains("FailedMount", "volume type nfs");
      }
      default -> { }
    }
  }

  private static boolean reached(JsonNode pod, String expect) {
    JsonNode status = pod.path("status");
    return switch (expect) {
      case "Running" -> "Running".equals(status.path("phase").asText()) && condition(status, "Ready").equals("True")
          && condition(status, "Initialized").equals("True");
      case "Succeeded" -> "Succeeded".equals(status.path("phase").asText());
      case "SchedulingGated" -> "Pending".equals(status.path("phase").asText())
          && pod.at("/spec/nodeName").isMissingNode()
          && "SchedulingGated".equals(conditionReason(status, "PodScheduled"));
      case "ContainerCreating" -> "Pending".equals(status.path("phase").asText())
          && "ContainerCreating".equals(status.at("/containerStatuses/0/state/waiting/reason").asText());
      default -> throw new IllegalArgumentException("unknown expectation " + expect);
    };
  }

  /** Removes the pod's scheduling gates (a JSON patch, as a controller would); it is then scheduled and runs. */
  public static void ungateAndRun(Http http, Kubectl kubectl, String name) {
    Kubectl.Result patched = kubectl.run("patch", "pod", name, "--type=json",
        "-p", "[{\"op\":\"remove\",\"path\":\"/spec/schedulingGates\"}]");
    assertThat(patched.exitCode()).as(patched.all()).isZero();
    await(http, kubectl, name, "Running");
  }

  private static String condition(JsonNode status, String type) {
    return conditionField(status, type, "status");
  }

  private static String conditionReason(JsonNode status, String type) {
    return conditionField(status, type, "reason");
  }

  private static String conditionField(JsonNode status, String type, String field) {
    for (JsonNode c : status.path("conditions")) {
      if (type.equals(c.path("type").asText())) {
        return c.path(field).asText();
      }
    }
    return "";
  }
}
