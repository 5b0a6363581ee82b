package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.api.Json;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.TestNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl (with its default settings: client-side validation through our OpenAPI, server
 * tables, strategic merge patches) against a real Coxswain server: the kubectl tour of README.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("integration")
class KubectlEndToEndTest {
  private static TestNode node;
  private static Kubectl kubectl;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() {
    node = TestNode.start();
    kubectl = new Kubectl(node.url());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private static Kubectl.Result ok(String... args) {
    Kubectl.Result result = kubectl.run(args);
    assertThat(result.exitCode()).as("kubectl %s\n%s", String.join(" ", args), result.all()).isZero();
    return result;
  }

  @Test
  @Order(1)
  void versionAndNamespaces() {
    assertThat(ok("version").out()).contains("Server Version: v1.32");
    Kubectl.Result ns = ok("get", "ns");
    assertThat(ns.out()).containsPattern("NAME\\s+STATUS\\s+AGE");
    assertThat(ns.out()).containsPattern("default\\s+Active").containsPattern("kube-system\\s+Active");
    Kubectl.Result nodes = ok("get", "nodes");
    assertThat(nodes.out()).containsPattern("NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION")
        .containsPattern("\\s+Ready\\s+<none>\\s+\\S+\\s+v1\\.32\\.0-coxswain");
    // kubectl's generators send protobuf bodies.
    assertThat(ok("create", "namespace", "demo").out()).contains("namespace/demo created");
    assertThat(ok("create", "service", "clusterip", "web", "--tcp=80:8080", "-n", "demo").out())
        .contains("service/web created");
    assertThat(ok("get", "svc", "web", "-n", "demo", "-o", "jsonpath={.spec.ports[0].targetPort}").out()).isEqualTo("8080");
    assertThat(ok("create", "service", "externalname", "db", "--external-name", "db.example.com", "-n", "demo").out())
        .contains("service/db created");
    assertThat(ok("get", "svc", "db", "-n", "demo", "-o", "jsonpath={.spec.type} {.spec.externalName}").out())
        .isEqualTo("ExternalName db.example.com");
    assertThat(ok("create", "configmap", "settings", "--from-literal=mode=blue", "-n", "demo").out())
        .contains("configmap/settings created");
    assertThat(ok("create", "secret", "generic", "creds", "--from-literal=password=s3cr3t", "-n", "demo").out())
        .contains("secret/creds created");
    assertThat(ok("get", "secret", "creds", "-n", "demo", "-o", "jsonpath={.type} {.data.password}").out())
        .isEqualTo("Opaque czNjcjN0");
    assertThat(ok("get", "serviceaccount", "default", "-n", "demo").out()).containsPattern("default\\s+0\\s+");
    await().atMost(Duration.ofSeconds(20)).until(() -> kubectl.run("describe", "node").out()
        .matches("(?s).*Lease:\\s+HolderIdentity:.*RenewTime:.*"));
    assertThat(ok("delete", "namespace", "demo").out()).contains("namespace \"demo\" deleted");
    assertThat(kubectl.run("get", "namespace", "demo").all()).contains("NotFound");
  }

  /** A kind not served gets kubectl's own message, as from any cluster without it, and nothing is written. */
  @Test
  @Order(7)
  void aKindThatIsNotServedGetsKubectlsUsualMessage() throws Exception {
    Path job = dir.resolve("job.yaml");
    Files.writeString(job, """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: pi}
        spec:
          template:
            spec:
              containers: [{name: pi, image: busybox}]
              restartPolicy: Never
        """);
    Kubectl.Result applied = kubectl.run("apply", "-f", job.toString());
    assertThat(applied.exitCode()).isNotZero();
    assertThat(applied.all()).contains("no matches for kind \"Job\" in version \"batch/v1\"")
        .doesNotContain("proto:");
    Kubectl.Result created = kubectl.run("create", "-f", job.toString());
    assertThat(created.all()).contains("no matches for kind \"Job\" in version \"batch/v1\"");
  }

  @Test
  @Order(2)
  void serverSideApplyOwnsFieldsAndReportsConflicts() throws Exception {
    Path manifest = dir.resolve("ssa.yaml");
    Files.writeString(manifest, """
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: ssa, labels: {app: ssa}}
        spec:
          replicas: 1
          selector: {app: ssa}
          template:
            metadata: {labels: {app: ssa}}
            spec:
              containers: [{name: c, image: busybox:1, resources: {limits: {cpu: 0.5}}}]
        """);
    assertThat(ok("apply", "--server-side", "-f", manifest.toString()).out())
        .contains("replicationcontroller/ssa serverside-applied");
    var rc = Json.json().readTree(ok("get", "rc", "ssa", "-o", "json", "--show-managed-fields").out());
    assertThat(rc.at("/metadata/managedFields/0/manager").asText()).isEqualTo("kubectl");
    assertThat(rc.at("/metadata/managedFields/0/operation").asText()).isEqualTo("Apply");
    assertThat(rc.at("/metadata/managedFields/0/fieldsV1/f:spec/f:replicas").isObject()).isTrue();
    assertThat(ok("apply", "--server-side", "-f", manifest.toString()).out())
        .as("the same configuration again").contains("serverside-applied");

    ok("patch", "rc", "ssa", "-p", "{\"spec\":{\"replicas\":2}}");
    Kubectl.Result conflict = kubectl.run("apply", "--server-side", "-f", manifest.toString());
    assertThat(conflict.exitCode()).isNotZero();
    assertThat(conflict.all()).contains("Apply failed with 1 conflict: conflict with \"kubectl-patch\" using v1: "
        + ".spec.replicas");
    assertThat(ok("get", "rc", "ssa", "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("2");
    ok("apply", "--server-side", "--force-conflicts", "-f", manifest.toString());
    assertThat(ok("get", "rc", "ssa", "-o", "jsonpath={.spec.replicas}").out()).isEqualTo("1");

    // A field dropped from the configuration goes, since no one else owns it.
    Files.writeString(manifest, Files.readString(manifest).replace(", resources: {limits: {cpu: 0.5}}", ""));
    ok("apply", "--server-side", "-f", manifest.toString());
    // (The request defaulted from the limit is nobody's and stays, as in Kubernetes.)
    assertThat(ok("get", "rc", "ssa", "-o", "jsonpath={.spec.template.spec.containers[0].resources.limits}").out())
        .isEmpty();
    ok("delete", "rc", "ssa");
  }

  @Test
  @Order(2)
  void validateStrictRefusesUnknownFieldsAndWarnWarns() throws Exception {
    Path manifest = dir.resolve("typo.yaml");
    Files.writeString(manifest, """
        apiVersion: v1
        kind: Pod
        metadata: {name: typo}
        spec:
          containers:
          - name: c
            image: busybox
            imagePullPolicy: IfNotPresent
            comand: ["sleep", "3600"]
          restartPolicy: Never
        """);
    Kubectl.Result strict = kubectl.run("apply", "--validate=strict", "-f", manifest.toString());
    assertThat(strict.exitCode()).isNotZero();
    assertThat(strict.all()).contains("strict decoding error: unknown field \"spec.containers[0].comand\"");
    assertThat(kubectl.run("get", "pod", "typo").all()).contains("NotFound");
    Kubectl.Result byDefault = kubectl.run("apply", "-f", manifest.toString());
    assertThat(byDefault.exitCode()).as("kubectl validates strictly by default").isNotZero();
    Kubectl.Result warn = ok("apply", "--validate=warn", "-f", manifest.toString());
    assertThat(warn.all()).contains("Warning: unknown field \"spec.containers[0].comand\"", "pod/typo created");
    ok("delete", "pod", "typo", "--grace-period=0", "--force");
  }

  @Test
  @Order(2)
  void applyCreatesThenConfiguresAfterAnEdit() throws Exception {
    Path manifest = dir.resolve("guestbook.yaml");
    Files.copy(Path.of("examples/guestbook.yaml"), manifest);
    Kubectl.Result first = ok("apply", "-f", manifest.toString());
    assertThat(first.out()).contains("replicationcontroller/redis-master created", "service/redis-master created",
        "replicationcontroller/frontend created", "service/frontend created");

    Kubectl.Result same = kubectl.run("diff", "-f", manifest.toString());
    assertThat(same.exitCode()).as("nothing changed: " + same.all()).isZero();
    Files.writeString(manifest, Files.readString(manifest).replace("guestbook-frontend:v1", "guestbook-frontend:v2")
        .replace("replicas: 3", "replicas: 4"));
    // kubectl diff asks the server for the would-be objects (a dry-run patch): the change must show.
    Kubectl.Result diff = kubectl.run("diff", "-f", manifest.toString());
    assertThat(diff.exitCode()).as(diff.all()).isEqualTo(1);
    assertThat(diff.out()).contains("-        image: guestbook-frontend:v1", "+        image: guestbook-frontend:v2");
    Kubectl.Result second = ok("apply", "-f", manifest.toString());
    assertThat(second.out()).contains("replicationcontroller/frontend configured", "replicationcontroller/redis-master unchanged");

    var rc = Json.json().readTree(ok("get", "rc", "frontend", "-o", "json").out());
    assertThat(rc.at("/spec/replicas").asInt()).isEqualTo(4);
    assertThat(rc.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("guestbook-frontend:v2");
    assertThat(rc.at("/metadata/generation").asInt()).isEqualTo(2);
    assertThat(rc.at("/metadata/annotations").get("kubectl.kubernetes.io/last-applied-configuration").asText())
        .contains("guestbook-frontend:v2");

    Kubectl.Result rcs = ok("get", "rc");
    assertThat(rcs.out()).containsPattern("NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+AGE");
    // The ReplicationController makes its pods; the scheduler and node agent run them.
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "rc", "frontend").out()
        .matches("(?s).*frontend\\s+4\\s+4\\s+4\\s.*"));
    Kubectl.Result svcs = ok("get", "svc");
    assertThat(svcs.out()).containsPattern("NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE")
        .containsPattern("redis-master\\s+ClusterIP\\s+10\\.96\\.\\d+\\.\\d+\\s+<none>\\s+6379/TCP")
        .containsPattern("frontend\\s+NodePort\\s+10\\.96\\.\\d+\\.\\d+\\s+<none>\\s+80:3\\d{4}/TCP");
  }

  @Test
  @Order(3)
  void createGetInEveryFormatAndExplain() {
    assertThat(ok("create", "-f", "examples/pod.yaml").out()).contains("pod/hello created");
    assertThat(ok("get", "pods").out()).containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE");
    // The scheduler binds it to this member and the node agent runs it (simulated runtime).
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "pods").out()
        .matches("(?s).*hello\\s+2/2\\s+Running\\s+0.*"));
    assertThat(ok("get", "pods", "-o", "wide").out()).containsPattern("IP\\s+NODE\\s+NOMINATED NODE");
    assertThat(ok("get", "pod", "hello", "-o", "name").out().trim()).isEqualTo("pod/hello");
    assertThat(ok("get", "pod", "hello", "-o", "yaml").out()).contains("kind: Pod", "name: hello", "mountPath: /www");
    assertThat(ok("get", "pod", "hello", "-o", "json").out()).contains("\"restartPolicy\": \"Always\"");
    assertThat(ok("get", "pods", "-l", "app=hello", "-o", "name").out().trim()).isEqualTo("pod/hello");
    assertThat(ok("get", "pods", "-l", "app=nothing").all()).contains("No resources found");
    assertThat(ok("get", "pods", "-A").out()).containsPattern("NAMESPACE\\s+NAME\\s+READY").containsPattern("default\\s+hello");
    assertThat(ok("explain", "pod.spec.containers").out()).contains("FIELDS:", "image");
    // The OpenAPI v2 document in gnostic protobuf, as kubectl asks for it.
    assertThat(ok("explain", "--output=plaintext-openapiv2", "pod.spec.containers.ports").out())
        .contains("RESOURCE: ports <[]Object>", "containerPort");
  }

  @Test
  @Order(4)
  void aListFromGetIsReplacedThroughClientSideValidation() throws Exception {
    // kind: List is validated client-side against the protobuf OpenAPI v2 document.
    Path list = dir.resolve("list.yaml");
    Kubectl.Result replaced = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      Files.writeString(list, ok("get", "rc", "-o", "yaml").out());
      assertThat(Files.readString(list)).startsWith("apiVersion: v1\nitems:");
      replaced = kubectl.run("replace", "-f", list.toString());
      if (replaced.exitCode() == 0 || !replaced.all().contains("the object has been modified")) {
        break; // a controller writing status meanwhile is a real conflict: read again
      }
    }
    assertThat(replaced.exitCode()).as(replaced.all()).isZero();
    assertThat(replaced.out()).contains("replicationcontroller/frontend replaced");
  }

  @Test
  @Order(4)
  void describeAndLabel() {
    Kubectl.Result describe = ok("describe", "pod", "hello");
    assertThat(describe.out()).containsPattern("Name:\\s+hello").containsPattern("Namespace:\\s+default")
        .contains("Containers:", "web:", "writer:", "busybox:1.36", "Events:")
        .containsPattern("Normal\\s+Scheduled\\s+.*default-scheduler\\s+Successfully assigned default/hello to ")
        .containsPattern("Normal\\s+Started\\s+.*kubelet\\s+Started container web");
    assertThat(ok("label", "pod", "hello", "stage=web").out()).contains("pod/hello labeled");
    assertThat(ok("get", "pods", "-l", "stage=web", "-o", "name").out().trim()).isEqualTo("pod/hello");
    assertThat(ok("label", "pod", "hello", "stage-").out()).contains("pod/hello unlabeled");
    assertThat(ok("get", "pods", "-l", "stage", "-o", "name").out()).isBlank();
    // --sort-by makes kubectl ask for whole objects in the Table rows (includeObject=Object).
    Kubectl.Result sorted = ok("get", "pods", "-l", "app=guestbook", "--sort-by=.status.startTime");
    assertThat(sorted.out()).doesNotContain("No resources found").containsPattern("frontend-\\w{5}\\s+1/1\\s+Running");
    assertThat(ok("get", "events", "--sort-by=.lastTimestamp").out()).contains("Scheduled");
    assertThat(ok("describe", "rc", "frontend").out()).containsPattern("Replicas:\\s+4 current / 4 desired")
        .containsPattern("Pods Status:\\s+4 Running")
        .containsPattern("Normal\\s+SuccessfulCreate\\s+.*replication-controller\\s+Created pod: frontend-\\w{5}");
    // --current-replicas makes kubectl send the Scale with no Content-Type: read as JSON, as Kubernetes does.
    Kubectl.Result wrongGuess = kubectl.run("scale", "rc", "frontend", "--current-replicas=3", "--replicas=2");
    assertThat(wrongGuess.exitCode()).as(wrongGuess.all()).isNotZero();
    assertThat(wrongGuess.all()).contains("Expected replicas to be 3, was 4");
    assertThat(ok("scale", "rc", "frontend", "--current-replicas=4", "--replicas=2").out())
        .contains("replicationcontroller/frontend scaled");
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "pods", "-l", "app=guestbook", "-o", "name")
        .out().trim().lines().count() == 2);
  }

  @Test
  @Order(5)
  void cordonDrainAndUncordon() {
    String node = ok("get", "nodes", "-o", "jsonpath={.items[0].metadata.name}").out().trim();
    assertThat(ok("cordon", node).out()).contains("node/" + node + " cordoned");
    assertThat(ok("get", "nodes").out()).containsPattern(node + "\\s+Ready,SchedulingDisabled");
    // kubectl drain deletes with protobuf DeleteOptions; the RC's replacements cannot be placed.
    Kubectl.Result drain = ok("drain", node, "--pod-selector=app=guestbook", "--timeout=60s");
    assertThat(drain.all()).contains("node/" + node + " drained");
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("describe", "pods", "-l", "app=guestbook").out()
        .contains("0/1 nodes are available: 1 node(s) were unschedulable."));
    assertThat(ok("get", "pods", "-l", "app=guestbook").out()).contains("Pending").doesNotContain("Running");
    assertThat(ok("uncordon", node).out()).contains("node/" + node + " uncordoned");
    await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "rc", "frontend").out()
        .matches("(?s).*frontend\\s+2\\s+2\\s+2\\s.*"));
  }

  @Test
  @Order(6)
  void watchSeesChangesAndDeleteRemoves() throws Exception {
    Process watch = kubectl.start("get", "pods", "-w", "--output-watch-events");
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (java.io.IOException ignored) {
        // the process was destroyed
      }
    });
    reader.start();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.contains("hello")));
      ok("run", "watched", "--image=busybox:1.36", "--restart=Never");
      await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.matches("ADDED\\s+watched.*")));
      // kubectl sends dryRun in the DeleteOptions body: nothing may be deleted.
      assertThat(ok("delete", "pod", "hello", "--dry-run=server").out()).contains("pod \"hello\" deleted (server dry run)");
      assertThat(ok("get", "pod", "hello").out()).contains("hello");
      assertThat(ok("delete", "pod", "hello").out()).contains("pod \"hello\" deleted");
      await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.matches("DELETED\\s+hello.*")));
    } finally {
      watch.destroy();
      reader.join(5_000);
    }
    assertThat(kubectl.run("get", "pod", "hello").all()).contains("NotFound");
    assertThat(ok("delete", "-f", "examples/guestbook.yaml").out()).contains("replicationcontroller \"frontend\" deleted");
    assertThat(ok("get", "rc").all()).contains("No resources found");
  }
}
