package io.coxswain.api.validation;

import static io.coxswain.api.validation.Fixtures.assertCause;
import static io.coxswain.api.validation.Fixtures.assertCauses;
import static io.coxswain.api.validation.Fixtures.created;
import static io.coxswain.api.validation.Fixtures.pod;
import static io.coxswain.api.validation.Fixtures.validPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.coxswain.api.Quantity;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.ContainerPort;
import io.coxswain.api.core.EnvVar;
import io.coxswain.api.core.EnvVarSource;
import io.coxswain.api.core.ObjectFieldSelector;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSpec;
import io.coxswain.api.core.Probe;
import io.coxswain.api.core.ResourceRequirements;
import io.coxswain.api.core.Toleration;
import io.coxswain.api.core.Volume;
import io.coxswain.api.core.VolumeMount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodValidationTest {
  @Test
  void aDefaultedPodIsValid() {
    Fixtures.assertValid(created(validPod()));
    Fixtures.assertValid(validPod());
  }

  @Test
  void needsAContainer() {
    assertCauses(Validation.validateCreate(pod()), tuple("spec.containers", "FieldValueRequired", "Required value"));
  }

  @Test
  void containerNamesAndImages() {
    assertCauses(Validation.validateCreate(pod(Container.of(null, null))),
        tuple("spec.containers[0].name", "FieldValueRequired", "Required value"),
        tuple("spec.containers[0].image", "FieldValueRequired", "Required value"));
    assertCauses(Validation.validateCreate(pod(Container.of("a", "x"), Container.of("a", "y"))),
        tuple("spec.containers[1].name", "FieldValueDuplicate", "Duplicate value: \"a\""));
    assertCause(Validation.validateCreate(pod(Container.of("Web", "x"))), "spec.containers[0].name",
        "FieldValueInvalid");
    assertCause(Validation.validateCreate(pod(Container.of("a.b", "x"))), "spec.containers[0].name",
        "FieldValueInvalid");
    // Init and app containers share one namespace of names.
    Pod shared = pod(Container.of("a", "x")).withSpec(pod(Container.of("a", "x")).spec()
        .withInitContainers(List.of(Container.of("a", "y"))));
    assertCause(Validation.validateCreate(shared), "spec.initContainers[0].name", "FieldValueDuplicate");
  }

  @Test
  void ports() {
    Container ok = Container.of("c", "x").withPorts(List.of(new ContainerPort("http", 8080, 80, "UDP", null)));
    Fixtures.assertValid(pod(ok));
    Container bad = Container.of("c", "x").withPorts(List.of(
        new ContainerPort(null, 70000, 0, "ICMP", null),
        new ContainerPort("web", null, 65536, null, null),
        new ContainerPort("web", null, 1, null, null),
        new ContainerPort("Bad_Name", null, 2, null, null)));
    List<io.coxswain.api.Status.StatusCause> causes = Validation.validateCreate(pod(bad));
    assertCause(causes, "spec.containers[0].ports[0].containerPort", "FieldValueRequired");
    assertThat(causes).anySatisfy(c -> {
      assertThat(c.field()).isEqualTo("spec.containers[0].ports[0].hostPort");
      assertThat(c.message()).isEqualTo("Invalid value: 70000: must be between 1 and 65535, inclusive");
    });
    assertThat(causes).anySatisfy(c -> {
      assertThat(c.field()).isEqualTo("spec.containers[0].ports[0].protocol");
      assertThat(c.message()).isEqualTo("Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
    });
    assertCause(causes, "spec.containers[0].ports[1].containerPort", "FieldValueInvalid");
    assertCause(causes, "spec.containers[0].ports[2].name", "FieldValueDuplicate");
    assertCause(causes, "spec.containers[0].ports[3].name", "FieldValueInvalid");
  }

  @Test
  void enums() {
    Pod pod = validPod().withSpec(validPod().spec().withRestartPolicy("Sometimes"));
    assertCauses(Validation.validateCreate(pod), tuple("spec.restartPolicy", "FieldValueNotSupported",
        "Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""));
    for (String p : List.of("Always", "OnFailure", "Never")) {
      Fixtures.assertValid(validPod().withSpec(validPod().spec().withRestartPolicy(p)));
    }
    assertCause(Validation.validateCreate(pod(Container.of("c", "x").withImagePullPolicy("Sometimes"))),
        "spec.containers[0].imagePullPolicy", "FieldValueNotSupported");
    PodSpec dns = validPod().spec().withPodDefaults("Always", 30L, "Google", "default-scheduler");
    assertCause(Validation.validateCreate(validPod().withSpec(dns)), "spec.dnsPolicy", "FieldValueNotSupported");
    assertCause(Validation.validateCreate(validPod().withSpec(validPod().spec().withPodDefaults("Always", -1L,
        "ClusterFirst", null))), "spec.terminationGracePeriodSeconds", "FieldValueInvalid");
    assertCause(Validation.validateCreate(validPod().withSpec(validPod().spec().withActiveDeadlineSeconds(0L))),
        "spec.activeDeadlineSeconds", "FieldValueInvalid");
  }

  @Test
  void volumesAndMounts() {
    Container c = Container.of("c", "x").withVolumeMounts(List.of(VolumeMount.of("data", "/data")));
    PodSpec ok = pod(c).spec().withVolumes(List.of(Volume.emptyDir("data"), Volume.hostPath("logs", "/var/log")));
    Fixtures.assertValid(pod(c).withSpec(ok));

    Container missing = Container.of("c", "x").withVolumeMounts(List.of(VolumeMount.of("nope", "/a"),
        VolumeMount.of("data", "/a"), new VolumeMount("data", null, "/b", "../etc", null, null, null, null)));
    PodSpec bad = pod(missing).spec().withVolumes(List.of(Volume.emptyDir("data"), Volume.emptyDir("data"),
        Volume.builder().name("none").build(), Volume.hostPath("h", "")));
    List<io.coxswain.api.Status.StatusCause> causes = Validation.validateCreate(pod(missing).withSpec(bad));
    assertCauses(causes,
        tuple("spec.volumes[1].name", "FieldValueDuplicate", "Duplicate value: \"data\""),
        tuple("spec.volumes[2]", "FieldValueRequired", "Required value: must specify a volume type"),
        tuple("spec.volumes[3].hostPath.path", "FieldValueRequired", "Required value"),
        tuple("spec.containers[0].volumeMounts[0].name", "FieldValueNotFound", "Not found: \"nope\""),
        tuple("spec.containers[0].volumeMounts[1].mountPath", "FieldValueInvalid",
            "Invalid value: \"/a\": must be unique"),
        tuple("spec.containers[0].volumeMounts[2].subPath", "FieldValueInvalid",
            "Invalid value: \"../etc\": must not contain '..'"));
  }

  @Test
  void resources() {
    Container ok = Container.of("c", "x").withResources(new ResourceRequirements(
        Quantity.resourceList("cpu", "1", "memory", "1Gi"),
        Quantity.resourceList("cpu", "500m", "memory", "1024Mi"), null));
    Fixtures.assertValid(pod(ok));
    Container bad = Container.of("c", "x").withResources(new ResourceRequirements(
        Quantity.resourceList("cpu", "1"), Quantity.resourceList("cpu", "2", "ephemeral-storage", "-1"), null));
    assertCauses(Validation.validateCreate(pod(bad)),
        tuple("spec.containers[0].resources.requests[ephemeral-storage]", "FieldValueInvalid",
            "Invalid value: \"-1\": must be greater than or equal to 0"),
        tuple("spec.containers[0].resources.requests[cpu]", "FieldValueInvalid",
            "Invalid value: \"2\": must be less than or equal to cpu limit of 1"));
  }

  @Test
  void probes() {
    Fixtures.assertValid(created(pod(Container.of("c", "x").withProbes(Probe.httpGet("/", 80), Probe.tcpSocket(80),
        Probe.exec(List.of("true"))))));
    Probe none = new Probe(null, null, null, -1, null, null, 2, null, null, null);
    Probe two = new Probe(null, Probe.httpGet("/", 0).httpGet(), Probe.tcpSocket(80).tcpSocket(), null, null, null,
        null, null, null, null);
    List<io.coxswain.api.Status.StatusCause> causes =
        Validation.validateCreate(pod(Container.of("c", "x").withProbes(none, two, null)));
    assertCauses(causes,
        tuple("spec.containers[0].livenessProbe", "FieldValueRequired", "Required value: must specify a handler type"),
        tuple("spec.containers[0].livenessProbe.initialDelaySeconds", "FieldValueInvalid",
            "Invalid value: -1: must be greater than or equal to 0"),
        tuple("spec.containers[0].livenessProbe.successThreshold", "FieldValueInvalid", "Invalid value: 2: must be 1"),
        tuple("spec.containers[0].readinessProbe.tcpSocket", "FieldValueForbidden",
            "Forbidden: may not specify more than 1 handler type"),
        tuple("spec.containers[0].readinessProbe.httpGet.port", "FieldValueInvalid",
            "Invalid value: 0: must be between 1 and 65535, inclusive"));
  }

  @Test
  void env() {
    EnvVar fromField = new EnvVar("POD_IP", null,
        new EnvVarSource(new ObjectFieldSelector("v1", "status.podIP"), null, null, null, null));
    Fixtures.assertValid(pod(Container.builder().name("c").image("x").env(List.of(EnvVar.of("A_b.c", "1"),
        fromField)).build()));
    EnvVar badName = EnvVar.of("1A", "x");
    EnvVar badField = new EnvVar("X", null, new EnvVarSource(new ObjectFieldSelector("v1", "spec.foo"), null, null, null, null));
    List<io.coxswain.api.Status.StatusCause> causes = Validation.validateCreate(pod(Container.builder().name("c").image("x").env(List.of(badName, badField, EnvVar.of(null, "v"))).build()));
    assertCause(causes, "spec.containers[0].env[0].name", "FieldValueInvalid");
    assertCause(causes, "spec.containers[0].env[1].valueFrom.fieldRef.fieldPath", "FieldValueNotSupported");
    assertCause(causes, "spec.containers[0].env[2].name", "FieldValueRequired");
  }

  @Test
  void tolerationsAndNodeSelector() {
    PodSpec ok = validPod().spec().withTolerations(List.of(new Toleration("k", "Equal", "v", "NoSchedule", null),
        new Toleration(null, "Exists", null, null, null), new Toleration("t", "Exists", null, "NoExecute", 60L)));
    Fixtures.assertValid(validPod().withSpec(ok));
    PodSpec bad = validPod().spec().withTolerations(List.of(new Toleration(null, "Equal", "v", null, null),
        new Toleration("k", "Exists", "v", "NoSchedule", 5L), new Toleration("k", "Maybe", null, "Never", null)));
    List<io.coxswain.api.Status.StatusCause> causes = Validation.validateCreate(validPod().withSpec(bad));
    assertCause(causes, "spec.tolerations[0].operator", "FieldValueInvalid");
    assertThat(causes).anySatisfy(c -> assertThat(c.message()).isEqualTo(
        "Invalid value: \"v\": value must be empty when `operator` is 'Exists'"));
    assertCause(causes, "spec.tolerations[1].effect", "FieldValueInvalid");
    assertCause(causes, "spec.tolerations[2].operator", "FieldValueNotSupported");
    assertCause(causes, "spec.tolerations[2].effect", "FieldValueNotSupported");
    PodSpec selector = PodSpec.builder().containers(validPod().spec().containers()).nodeSelector(Map.of("disk", "s s")).nodeName("Bad_Node").build();
    List<io.coxswain.api.Status.StatusCause> more = Validation.validateCreate(validPod().withSpec(selector));
    assertCause(more, "spec.nodeSelector", "FieldValueInvalid");
    assertCause(more, "spec.nodeName", "FieldValueInvalid");
  }

  @Test
  void hostNetworkRequiresMatchingPorts() {
    PodSpec spec = PodSpec.builder().containers(List.of(Container.of("c", "x").withPorts(List.of(
        new ContainerPort(null, 81, 80, null, null))))).hostNetwork(true).build();
    assertCause(Validation.validateCreate(validPod().withSpec(spec)), "spec.containers[0].ports[0].hostPort",
        "FieldValueInvalid");
  }

  @Test
  void affinity() {
    Pod bad = io.coxswain.api.Json.decode("""
        {"kind":"Pod","metadata":{"name":"p","namespace":"d"},"spec":{"containers":[{"name":"c","image":"x"}],
         "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
           {"matchExpressions":[{"key":"zone","operator":"Near","values":["a"]},{"key":"n","operator":"Gt",
            "values":["x"]},{"key":"k","operator":"Exists","values":["v"]}]}]},
          "preferredDuringSchedulingIgnoredDuringExecution":[{"weight":0,"preference":{}}]},
          "podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchExpressions":
            [{"key":"app","operator":"In"}]}}]}}}}""".getBytes(), "application/json", Pod.class);
    assertCauses(Validation.validateCreate(bad),
        tuple("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
            + ".matchExpressions[0].operator", "FieldValueNotSupported",
            "Unsupported value: \"Near\": supported values: \"DoesNotExist\", \"Exists\", \"Gt\", \"In\", "
            + "\"Lt\", \"NotIn\""),
        tuple("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
            + ".matchExpressions[1].values[0]", "FieldValueInvalid", "Invalid value: \"x\": must be an integer"),
        tuple("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
            + ".matchExpressions[2].values", "FieldValueForbidden",
            "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        tuple("spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight",
            "FieldValueInvalid", "Invalid value: 0: must be in the range 1-100"),
        tuple("spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey",
            "FieldValueRequired", "Required value: can not be empty"),
        tuple("spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector"
            + ".matchExpressions[0].values", "FieldValueRequired",
            "Required value: must be specified when `operator` is 'In' or 'NotIn'"));
  }

  @Test
  void onlyInitContainersMayRestartAndOnlyAlwaysAndRegularOnesHaveNoProbesOrHooks() {
    Pod pod = io.coxswain.api.Json.decode("""
        {"kind":"Pod","metadata":{"name":"p","namespace":"default"},"spec":{
          "initContainers":[
            {"name":"sidecar","image":"x","restartPolicy":"Always","readinessProbe":{"tcpSocket":{"port":80}},
             "lifecycle":{"preStop":{"sleep":{"seconds":1}}}},
            {"name":"once","image":"x","restartPolicy":"OnFailure","livenessProbe":{"tcpSocket":{"port":80}},
             "readinessProbe":{"tcpSocket":{"port":80}},"startupProbe":{"tcpSocket":{"port":80}},
             "lifecycle":{"postStart":{"exec":{"command":["true"]}}}}],
          "containers":[{"name":"app","image":"x","restartPolicy":"Always"}]}}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", Pod.class);
    String forbidden = "Forbidden: may not be set for init containers without restartPolicy=Always";
    assertCauses(Validation.validateCreate(created(pod)),
        tuple("spec.initContainers[1].restartPolicy", "FieldValueNotSupported",
            "Unsupported value: \"OnFailure\": supported values: \"Always\""),
        tuple("spec.initContainers[1].lifecycle", "FieldValueForbidden", forbidden),
        tuple("spec.initContainers[1].livenessProbe", "FieldValueForbidden", forbidden),
        tuple("spec.initContainers[1].readinessProbe", "FieldValueForbidden", forbidden),
        tuple("spec.initContainers[1].startupProbe", "FieldValueForbidden", forbidden),
        tuple("spec.containers[0].restartPolicy", "FieldValueForbidden",
            "Forbidden: may not be set for non-init containers"));
  }

  @Test
  void securityContextsInKubernetesWords() {
    Pod pod = io.coxswain.api.Json.decode("""
        {"kind":"Pod","metadata":{"name":"p","namespace":"default"},"spec":{
          "securityContext":{"runAsUser":-1,"fsGroup":2147483648,"seccompProfile":{"type":"Localhost"}},
          "containers":[{"name":"a","image":"x","securityContext":{"privileged":true,"allowPrivilegeEscalation":false,
            "procMount":"Open","seccompProfile":{"type":"Localhost","localhostProfile":"../etc/x.json"}}},
           {"name":"b","image":"x","securityContext":{"seccompProfile":{"type":"RuntimeDefault","localhostProfile":"p"}}},
           {"name":"c","image":"x","securityContext":{"seccompProfile":{"type":"Localhost","localhostProfile":"/abs"}}},
           {"name":"d","image":"x","securityContext":{"seccompProfile":{"type":"Strict"}}}]}}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", Pod.class);
    List<io.coxswain.api.Status.StatusCause> causes = Validation.validateCreate(created(pod));
    assertThat(causes).extracting(io.coxswain.api.Status.StatusCause::field).containsExactlyInAnyOrder(
        "spec.securityContext.runAsUser", "spec.securityContext.fsGroup",
        "spec.securityContext.seccompProfile.localhostProfile",
        "spec.containers[0].securityContext", "spec.containers[0].securityContext.procMount",
        "spec.containers[0].securityContext.seccompProfile.localhostProfile",
        "spec.containers[1].securityContext.seccompProfile.localhostProfile",
        "spec.containers[2].securityContext.seccompProfile.localhostProfile",
        "spec.containers[3].securityContext.seccompProfile.type");
    assertThat(causes).extracting(io.coxswain.api.Status.StatusCause::message).contains(
        "Invalid value: -1: must be between 0 and 2147483647, inclusive",
        "Required value: must be set when seccomp type is Localhost",
        "Invalid value: \"../etc/x.json\": must not contain '..'",
        "Invalid value: \"/abs\": must be a relative path",
        "Invalid value: \"p\": can only be set when seccomp type is Localhost",
        "Unsupported value: \"Strict\": supported values: \"Localhost\", \"RuntimeDefault\", \"Unconfined\"");
  }

  @Test
  void hostAliasesAndDnsConfigInKubernetesWords() {
    Pod pod = io.coxswain.api.Json.decode("""
        {"kind":"Pod","metadata":{"name":"p","namespace":"default"},"spec":{
          "hostAliases":[{"ip":"10.1.2.3","hostnames":["ok.example","bad name\\n1.2.3.4 evil"]},{"ip":"nope"}],
          "dnsPolicy":"None","dnsConfig":{"nameservers":[],"searches":["good.local.","Bad_Domain"],
            "options":[{"value":"2"}]},
          "containers":[{"name":"a","image":"x"}]}}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", Pod.class);
    List<io.coxswain.api.Status.StatusCause> causes = Validation.validateCreate(created(pod));
    assertThat(causes).extracting(io.coxswain.api.Status.StatusCause::field).containsExactlyInAnyOrder(
        "spec.hostAliases[0].hostnames[1]", "spec.hostAliases[1].ip", "spec.dnsConfig.nameservers",
        "spec.dnsConfig.searches[1]", "spec.dnsConfig.options[0].name");
    Pod noConfig = io.coxswain.api.Json.decode("""
        {"kind":"Pod","metadata":{"name":"p","namespace":"default"},"spec":{"dnsPolicy":"None",
          "containers":[{"name":"a","image":"x"}]}}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", Pod.class);
    assertCauses(Validation.validateCreate(created(noConfig)), tuple("spec.dnsConfig", "FieldValueRequired",
        "Required value: must provide `dnsConfig` when `dnsPolicy` is None"));
  }

  @Test
  void projectedTokensNeedAPathAndALifetimeOfTenMinutesOrMore() {
    Pod pod = io.coxswain.api.Json.decode("""
        {"kind":"Pod","metadata":{"name":"p","namespace":"default"},"spec":{
          "volumes":[{"name":"t","projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":60}},
            {"serviceAccountToken":{"path":"../token"}}]}}],
          "containers":[{"name":"a","image":"x"}]}}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", Pod.class);
    assertCauses(Validation.validateCreate(created(pod)),
        tuple("spec.volumes[0].projected.sources[0].serviceAccountToken.path", "FieldValueRequired", "Required value"),
        tuple("spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds", "FieldValueInvalid",
            "Invalid value: 60: may not specify a duration less than 10 minutes"),
        tuple("spec.volumes[0].projected.sources[1].serviceAccountToken.path", "FieldValueInvalid",
            "Invalid value: \"../token\": must be a relative path without '..'"));
  }
}
