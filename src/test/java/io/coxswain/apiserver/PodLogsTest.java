package io.coxswain.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.cluster.NodeSettings;
import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.TestNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code pods/{name}/log} on the simulated runtime (whose containers "write" their
 * {@code simulated.coxswain.io/log} annotation): options, Kubernetes' errors, and a request for a
 * pod that runs on another member, forwarded to that member's agent endpoint over real HTTP.
 */
@Tag("integration")
class PodLogsTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final Map<String, Object> QUIET = Map.of("coxswain.scheduler.enabled", false,
      "coxswain.controllers.enabled", false, "coxswain.node.pod-sync-period", "100ms");
  private static TestNode node;
  private static TestNode other;
  private static Http http;

  @BeforeAll
  static void start() {
    node = TestNode.start(QUIET);
    other = TestNode.start(QUIET);
    http = new Http(node.url());
  }

  @AfterAll
  static void stop() {
    node.close();
    other.close();
  }

  private static String pod(String name, String nodeName, String log, String... containers) {
    StringBuilder body = new StringBuilder("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"annotations\":"
        + "{\"simulated.coxswain.io/log\":\"" + log + "\"}},\"spec\":{\"nodeName\":\"" + nodeName
        + "\",\"containers\":[");
    for (int i = 0; i < containers.length; i++) {
      body.append(i == 0 ? "" : ",").append("{\"name\":\"").append(containers[i]).append("\",\"image\":\"busybox:1\"}");
    }
    return body.append("]}}").toString();
  }

  private static void runningOn(Http api, String name) {
    await().atMost(Duration.ofSeconds(20)).until(() -> api.get(PODS + "/" + name).json().at("/status/phase").asText()
        .equals("Running"));
  }

  @Test
  void logsWithTheirOptionsAndKubectl() {
    assertThat(http.post(PODS, "application/json", pod("echo", NodeSettings.defaultNodeName(),
        "one\\ntwo\\nthree", "c")).code()).isEqualTo(201);
    runningOn(http, "echo");
    Http.Reply all = http.get(PODS + "/echo/log");
    assertThat(all.code()).isEqualTo(200);
    assertThat(all.body()).isEqualTo("one\ntwo\nthree\n");
    assertThat(http.get(PODS + "/echo/log?tailLines=2").body()).isEqualTo("two\nthree\n");
    assertThat(http.get(PODS + "/echo/log?limitBytes=5").body()).isEqualTo("one\nt");
    assertThat(http.get(PODS + "/echo/log?timestamps=true&tailLines=1").body())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z three\\n");
    Kubectl.Result kubectl = new Kubectl(node.url()).run("logs", "echo", "--tail=1");
    assertThat(kubectl.out()).isEqualTo("three\n");
  }

  @Test
  void badLogRequestsAreKubernetesErrors() {
    assertThat(http.post(PODS, "application/json", pod("pair", NodeSettings.defaultNodeName(), "x", "a", "b"))
        .code()).isEqualTo(201);
    runningOn(http, "pair");
    Http.Reply noContainer = http.get(PODS + "/pair/log");
    assertThat(noContainer.code()).isEqualTo(400);
    assertThat(noContainer.json().get("message").asText())
        .isEqualTo("a container name must be specified for pod pair, choose one of: [a b]");
    assertThat(http.get(PODS + "/pair/log?container=zz").json().get("message").asText())
        .isEqualTo("container zz is not valid for pod pair");
    assertThat(http.get(PODS + "/pair/log?container=a&previous=true").json().get("message").asText())
        .isEqualTo("previous terminated container \"a\" in pod \"pair\" not found");
    Http.Reply negative = http.get(PODS + "/pair/log?container=a&tailLines=-1");
    assertThat(negative.code()).isEqualTo(422);
    assertThat(negative.json().at("/details/causes/0/field").asText()).isEqualTo("tailLines");
    assertThat(http.get(PODS + "/pair/log?container=a&sinceSeconds=abc").code()).isEqualTo(400);
    assertThat(http.get(PODS + "/nobody/log").code()).isEqualTo(404);
  }

  /** Init containers and sidecars have logs too, as in Kubernetes, and the error lists them. */
  @Test
  void initContainersAndSidecarsHaveLogs() {
    assertThat(http.post(PODS, "application/json", """
        {"kind":"Pod","metadata":{"name":"inits","annotations":{"simulated.coxswain.io/log.setup":"prepared",
         "simulated.coxswain.io/log.side":"side by side","simulated.coxswain.io/log":"app"}},
         "spec":{"nodeName":"NODE","initContainers":[{"name":"setup","image":"busybox:1"},
           {"name":"side","image":"busybox:1","restartPolicy":"Always"}],
          "containers":[{"name":"a","image":"busybox:1"},{"name":"b","image":"busybox:1"}]}}"""
        .replace("NODE", NodeSettings.defaultNodeName())).code()).isEqualTo(201);
    runningOn(http, "inits");
    assertThat(http.get(PODS + "/inits/log?container=setup").body()).isEqualTo("prepared\n");
    assertThat(http.get(PODS + "/inits/log?container=side").body()).isEqualTo("side by side\n");
    assertThat(http.get(PODS + "/inits/log").json().get("message").asText()).isEqualTo(
        "a container name must be specified for pod inits, choose one of: [a b] or one of the init containers: "
            + "[setup side]");
    Kubectl.Result all = new Kubectl(node.url()).run("logs", "inits", "--all-containers");
    assertThat(all.exitCode()).as(all.all()).isZero();
    assertThat(all.out()).contains("prepared", "side by side", "app");
  }

  @Test
  void aPodOnAnotherMemberIsReadThroughThatMember() {
    // The other member runs the pod on its own node...
    Http there = new Http(other.url());
    String otherNode = NodeSettings.defaultNodeName();
    assertThat(there.post(PODS, "application/json", pod("far", otherNode, "from the other member", "c")).code())
        .isEqualTo(201);
    runningOn(there, "far");
    // ...and this member knows that node (at the other member's agent endpoint) and the pod bound to it.
    int port = URI.create(other.url()).getPort();
    assertThat(http.post("/api/v1/nodes", "application/json", "{\"kind\":\"Node\",\"metadata\":{\"name\":\"elsewhere\"},"
        + "\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"127.0.0.1\"}],"
        + "\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":" + port + "}}}}").code()).isEqualTo(201);
    JsonNode elsewhere = http.get("/api/v1/nodes/elsewhere").json();
    assertThat(elsewhere.at("/status/daemonEndpoints/kubeletEndpoint/Port").asInt()).isEqualTo(port);
    String far = pod("far", "elsewhere", "not this one", "c");
    assertThat(http.post(PODS, "application/json", far).code()).isEqualTo(201);
    Http.Reply forwarded = http.get(PODS + "/far/log?tailLines=5");
    assertThat(forwarded.code()).isEqualTo(200);
    assertThat(forwarded.body()).isEqualTo("from the other member\n");
    // An error over there comes back as it was.
    Http.Reply error = http.get(PODS + "/far/log?previous=true");
    assertThat(error.code()).isEqualTo(400);
    assertThat(error.json().get("message").asText()).contains("previous terminated container \"c\"");
  }
}
