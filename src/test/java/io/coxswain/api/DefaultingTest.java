package io.coxswain.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.core.Container;
import io.coxswain.api.core.ContainerPort;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.NodeStatus;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSpec;
import io.coxswain.api.core.PodStatus;
import io.coxswain.api.core.PodTemplateSpec;
import io.coxswain.api.core.Probe;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.ReplicationControllerSpec;
import io.coxswain.api.core.ResourceRequirements;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DefaultingTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T02:06:36.789Z"), ZoneOffset.UTC);

  static Pod pod(Container... containers) {
    return Pod.of(ObjectMeta.named(null, "p"), PodSpec.of(List.of(containers)));
  }

  @Test
  void stampsSystemMetadata() {
    ObjectMeta meta = ObjectMeta.named(null, null).withResourceVersion("9");
    Pod in = Pod.of(new ObjectMeta(null, "web-", null, null, "9", 7L, null, "2020-01-01T00:00:00Z", 3L, null,
        null, null, null, null, null), PodSpec.of(List.of(Container.of("c", "nginx"))));
    Pod out = (Pod) Defaulting.applyCreateDefaults(in, "team", CLOCK, new Random(1));
    assertThat(out.metadata().namespace()).isEqualTo("team");
    assertThat(out.metadata().name()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(out.metadata().uid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(out.metadata().creationTimestamp()).isEqualTo("2026-11-27T02:06:36Z");
    assertThat(out.metadata().generation()).isEqualTo(1L);
    assertThat(out.metadata().resourceVersion()).isNull();
    assertThat(out.metadata().deletionTimestamp()).isNull();
    assertThat(meta.resourceVersion()).isEqualTo("9");
    // Same seed, same result: names and uids are reproducible.
    assertThat(Defaulting.applyCreateDefaults(in, "team", CLOCK, new Random(1))).isEqualTo(out);
  }

  @Test
  void keepsGivenNamespaceAndDropsItForClusterScopedKinds() {
    Pod pod = pod(Container.of("c", "nginx")).withMetadata(ObjectMeta.named("mine", "p"));
    assertThat(Defaulting.applyCreateDefaults(pod, "path", CLOCK, new Random()).metadata().namespace())
        .isEqualTo("mine");
    Node node = Node.of(ObjectMeta.named("x", "n1"), null, null);
    assertThat(Defaulting.applyCreateDefaults(node, "path", CLOCK, new Random()).metadata().namespace()).isNull();
    assertThat(Defaulting.applyCreateDefaults(node, "path", CLOCK, new Random()).metadata().generation()).isNull();
  }

  @Test
  void generateNameIsTruncatedSoTheResultFitsALabel() {
    String base = "a".repeat(70);
    Pod pod = pod(Container.of("c", "nginx")).withMetadata(new ObjectMeta(null, base, null, null, null, null, null,
        null, null, null, null, null, null, null, null));
    assertThat(Defaulting.applyCreateDefaults(pod, "d", CLOCK, new Random()).metadata().name()).hasSize(63);
    assertThat(Defaulting.generateNameSuffix(new Random(3))).hasSize(5).matches("[bcdfghjklmnpqrstvwxz2456789]+");
  }

  @Test
  void podDefaults() {
    Container c = Container.of("c", "nginx:1.27")
        .withPorts(List.of(ContainerPort.of(80)))
        .withProbes(Probe.httpGet(null, 80), Probe.tcpSocket(80), null);
    Pod out = (Pod) Defaulting.applyCreateDefaults(pod(c).withStatus(PodStatus.phase("Running")), "d", CLOCK,
        new Random());
    PodSpec spec = out.spec();
    assertThat(spec.restartPolicy()).isEqualTo("Always");
    assertThat(spec.dnsPolicy()).isEqualTo("ClusterFirst");
    assertThat(spec.schedulerName()).isEqualTo("default-scheduler");
    assertThat(spec.terminationGracePeriodSeconds()).isEqualTo(30L);
    Container d = spec.containers().get(0);
    assertThat(d.imagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(d.terminationMessagePath()).isEqualTo("/dev/termination-log");
    assertThat(d.terminationMessagePolicy()).isEqualTo("File");
    assertThat(d.ports().get(0).protocol()).isEqualTo("TCP");
    assertThat(d.livenessProbe().periodSeconds()).isEqualTo(10);
    assertThat(d.livenessProbe().timeoutSeconds()).isEqualTo(1);
    assertThat(d.livenessProbe().successThreshold()).isEqualTo(1);
    assertThat(d.livenessProbe().failureThreshold()).isEqualTo(3);
    assertThat(d.livenessProbe().httpGet().path()).isEqualTo("/");
    assertThat(d.livenessProbe().httpGet().scheme()).isEqualTo("HTTP");
    assertThat(d.readinessProbe().periodSeconds()).isEqualTo(10);
    // Whatever status the client sent is replaced by a fresh Pending one.
    assertThat(out.status().phase()).isEqualTo("Pending");
    assertThat(out.status().qosClass()).isEqualTo("BestEffort");
  }

  @Test
  void imagePullPolicyFollowsTheTag() {
    assertThat(PodDefaults.pullPolicyFor("nginx")).isEqualTo("Always");
    assertThat(PodDefaults.pullPolicyFor("nginx:latest")).isEqualTo("Always");
    assertThat(PodDefaults.pullPolicyFor("localhost:5000/nginx")).isEqualTo("Always");
    assertThat(PodDefaults.pullPolicyFor("localhost:5000/nginx:1.2")).isEqualTo("IfNotPresent");
    assertThat(PodDefaults.pullPolicyFor("nginx:1.27")).isEqualTo("IfNotPresent");
    assertThat(PodDefaults.pullPolicyFor("nginx@sha256:abcd")).isEqualTo("IfNotPresent");
    assertThat(PodDefaults.pullPolicyFor("nginx:latest@sha256:abcd")).isEqualTo("Always");
    Container given = Container.of("c", "nginx").withImagePullPolicy("Never");
    assertThat(((Pod) Defaulting.applyTypeDefaults(pod(given))).spec().containers().get(0).imagePullPolicy())
        .isEqualTo("Never");
  }

  @Test
  void hostNetworkCopiesContainerPortToHostPort() {
    PodSpec spec = PodSpec.builder().containers(List.of(Container.of("c", "x").withPorts(List.of(ContainerPort.of(8080))))).hostNetwork(true).build();
    Pod out = (Pod) Defaulting.applyTypeDefaults(Pod.of(ObjectMeta.named("d", "p"), spec));
    assertThat(out.spec().containers().get(0).ports().get(0).hostPort()).isEqualTo(8080);
  }

  @Test
  void qosClasses() {
    ResourceRequirements guaranteed = new ResourceRequirements(Quantity.resourceList("cpu", "1", "memory", "1Gi"), null, null);
    ResourceRequirements burstable = new ResourceRequirements(null, Quantity.resourceList("cpu", "100m"), null);
    assertThat(PodDefaults.qosClass(((Pod) Defaulting.applyTypeDefaults(
        pod(Container.of("c", "x").withResources(guaranteed)))).spec())).isEqualTo("Guaranteed");
    assertThat(PodDefaults.qosClass(pod(Container.of("c", "x").withResources(burstable)).spec()))
        .isEqualTo("Burstable");
    assertThat(PodDefaults.qosClass(pod(Container.of("c", "x").withResources(guaranteed),
        Container.of("d", "x")).spec())).isEqualTo("Burstable");
    assertThat(PodDefaults.qosClass(pod(Container.of("c", "x")).spec())).isEqualTo("BestEffort");
  }

  @Test
  void limitsBecomeRequestsWhenRequestsAreAbsent() {
    Container c = Container.of("c", "x").withResources(new ResourceRequirements(Quantity.resourceList("cpu", "1"),
        Quantity.resourceList("memory", "1Gi"), null));
    Pod out = (Pod) Defaulting.applyTypeDefaults(pod(c));
    assertThat(out.spec().containers().get(0).resources().requests())
        .containsEntry("cpu", Quantity.parse("1")).containsEntry("memory", Quantity.parse("1Gi"));
  }

  @Test
  void replicationControllerDefaults() {
    PodTemplateSpec template = new PodTemplateSpec(ObjectMeta.named(null, null).withLabels(Map.of("app", "web")),
        PodSpec.of(List.of(Container.of("c", "nginx"))));
    ReplicationController rc = ReplicationController.of(ObjectMeta.named(null, "web"),
        new ReplicationControllerSpec(null, null, null, template));
    ReplicationController out = (ReplicationController) Defaulting.applyCreateDefaults(rc, "d", CLOCK, new Random());
    assertThat(out.spec().replicas()).isEqualTo(1);
    assertThat(out.spec().selector()).containsExactly(Map.entry("app", "web"));
    assertThat(out.metadata().labels()).containsExactly(Map.entry("app", "web"));
    assertThat(out.spec().template().spec().restartPolicy()).isEqualTo("Always");
    assertThat(out.spec().template().spec().enableServiceLinks()).as("a Pod's default, not a template's").isNull();
    assertThat(out.spec().template().spec().containers().get(0).imagePullPolicy()).isEqualTo("Always");
    assertThat(out.metadata().generation()).isEqualTo(1L);
    assertThat(out.status().replicas()).isZero();
  }

  @Test
  void serviceDefaults() {
    Service svc = Service.of(ObjectMeta.named(null, "web"), ServiceSpec.of(Map.of("app", "web"),
        List.of(ServicePort.of(null, 80, null), ServicePort.of("b", 81, IntOrString.of("http")))));
    Service out = (Service) Defaulting.applyCreateDefaults(svc, "d", CLOCK, new Random());
    assertThat(out.spec().type()).isEqualTo("ClusterIP");
    assertThat(out.spec().sessionAffinity()).isEqualTo("None");
    assertThat(out.spec().internalTrafficPolicy()).isEqualTo("Cluster");
    assertThat(out.spec().externalTrafficPolicy()).isNull();
    assertThat(out.spec().ports().get(0).protocol()).isEqualTo("TCP");
    assertThat(out.spec().ports().get(0).targetPort()).isEqualTo(IntOrString.of(80));
    assertThat(out.spec().ports().get(1).targetPort()).isEqualTo(IntOrString.of("http"));
    assertThat(out.status()).isNotNull();
  }

  @Test
  void namespaceAndNodeDefaults() {
    Namespace ns = (Namespace) Defaulting.applyCreateDefaults(Namespace.of("team"), null, CLOCK, new Random());
    assertThat(ns.status().phase()).isEqualTo("Active");
    assertThat(ns.metadata().labels()).containsEntry("kubernetes.io/metadata.name", "team");
    Node node = Node.of(ObjectMeta.named(null, "n"), null,
        NodeStatus.builder().capacity(Quantity.resourceList("cpu", "4")).build());
    assertThat(((Node) Defaulting.applyTypeDefaults(node)).status().allocatable()).containsEntry("cpu", Quantity.parse("4"));
  }

  @Test
  void updateCarriesIdentityBumpsGenerationAndKeepsClusterIp() {
    Service created = (Service) Defaulting.applyCreateDefaults(Service.of(ObjectMeta.named(null, "web"),
        ServiceSpec.of(Map.of("app", "web"), List.of(ServicePort.of(null, 80, null)))), "d", CLOCK, new Random());
    Service allocated = created.withSpec(created.spec().withClusterIP("10.96.0.10"));
    Service replacement = Service.of(ObjectMeta.named("d", "web"),
        ServiceSpec.of(Map.of("app", "web2"), List.of(ServicePort.of(null, 80, null))));
    Service out = (Service) Defaulting.applyUpdateDefaults(allocated, replacement);
    assertThat(out.spec().clusterIP()).isEqualTo("10.96.0.10");
    assertThat(out.spec().clusterIPs()).containsExactly("10.96.0.10");
    assertThat(out.metadata().uid()).isEqualTo(created.metadata().uid());
    assertThat(out.metadata().creationTimestamp()).isEqualTo("2026-11-27T02:06:36Z");
    assertThat(out.metadata().generation()).as("Services have no generation in Kubernetes").isNull();
    // A kind that has one counts spec changes only.
    ReplicationController rc = (ReplicationController) Defaulting.applyCreateDefaults(ReplicationController.of(
        ObjectMeta.named(null, "web"), new ReplicationControllerSpec(1, null, Map.of("app", "web"),
            new PodTemplateSpec(ObjectMeta.named(null, null).withLabels(Map.of("app", "web")),
                PodSpec.of(List.of(Container.of("c", "nginx")))))), "d", CLOCK, new Random());
    assertThat(rc.metadata().generation()).isEqualTo(1L);
    assertThat(((ReplicationController) Defaulting.applyUpdateDefaults(rc, rc)).metadata().generation()).isEqualTo(1L);
    assertThat(((ReplicationController) Defaulting.applyUpdateDefaults(rc, rc.withSpec(new ReplicationControllerSpec(
        3, null, rc.spec().selector(), rc.spec().template())))).metadata().generation()).isEqualTo(2L);
  }

  @Test
  void theCreationTimestampAClientSendsBackIsIgnored() {
    Pod stored = (Pod) Defaulting.applyCreateDefaults(Pod.of(ObjectMeta.named(null, "p"),
        PodSpec.of(List.of(Container.of("c", "busybox:1")))), "d", CLOCK, new Random());
    for (String reencoded : List.of("2026-11-27T02:06:36+00:00", "2026-11-27T02:06:36.000Z", "1999-01-01T00:00:00Z")) {
      Pod sentBack = stored.withMetadata(stored.metadata().withCreationTimestamp(reencoded));
      Pod out = (Pod) Defaulting.applyUpdateDefaults(stored, sentBack);
      assertThat(out.metadata().creationTimestamp()).as(reencoded).isEqualTo("2026-11-27T02:06:36Z");
      assertThat(io.coxswain.api.validation.Validation.validateUpdate(stored, out)).as(reencoded).isEmpty();
    }
  }

  @Test
  void podSpecDefaultsAndCreateAdmissionAsKubernetesSetsThem() {
    Pod in = Json.decode("""
        {"kind":"Pod","metadata":{"name":"p"},"spec":{"serviceAccount":"builder",
         "containers":[{"name":"c","image":"x"}],"volumes":[{"name":"scratch"}]}}""".getBytes(), "application/json",
        Pod.class);
    Pod out = (Pod) Defaulting.applyCreateDefaults(in, "team", CLOCK, new Random(1));
    assertThat(out.spec().securityContext()).as("an empty pod security context").isNotNull();
    assertThat(Json.toTree(out).at("/spec/securityContext").toString()).isEqualTo("{}");
    assertThat(out.spec().enableServiceLinks()).isTrue();
    assertThat(out.spec().serviceAccountName()).isEqualTo("builder");
    assertThat(out.spec().serviceAccount()).isEqualTo("builder");
    assertThat(out.spec().priority()).isZero();
    assertThat(out.spec().preemptionPolicy()).isEqualTo("PreemptLowerPriority");
    assertThat(out.spec().volumes().get(0).emptyDir()).as("a volume with no source is an emptyDir").isNotNull();
  }
}
