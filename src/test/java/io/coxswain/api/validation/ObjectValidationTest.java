package io.coxswain.api.validation;

import static io.coxswain.api.validation.Fixtures.assertCause;
import static io.coxswain.api.validation.Fixtures.assertCauses;
import static io.coxswain.api.validation.Fixtures.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.coxswain.api.ObjectMeta;
import io.coxswain.api.Quantity;
import io.coxswain.api.core.Binding;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.EndpointAddress;
import io.coxswain.api.core.EndpointPort;
import io.coxswain.api.core.EndpointSubset;
import io.coxswain.api.core.Endpoints;
import io.coxswain.api.core.Event;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.Node;
import io.coxswain.api.core.NodeSpec;
import io.coxswain.api.core.NodeStatus;
import io.coxswain.api.core.ObjectReference;
import io.coxswain.api.core.PodSpec;
import io.coxswain.api.core.PodTemplateSpec;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.ReplicationControllerSpec;
import io.coxswain.api.core.Scale;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.core.ServiceSpec;
import io.coxswain.api.core.Taint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectValidationTest {
  static ReplicationController rc(Integer replicas, Map<String, String> selector, Map<String, String> labels) {
    PodTemplateSpec template = new PodTemplateSpec(ObjectMeta.named(null, null).withLabels(labels),
        PodSpec.of(List.of(Container.of("c", "nginx"))));
    return ReplicationController.of(ObjectMeta.named("default", "web"),
        new ReplicationControllerSpec(replicas, null, selector, template));
  }

  @Test
  void replicationController() {
    Fixtures.assertValid(created(rc(3, null, Map.of("app", "web"))));
    Fixtures.assertValid(rc(0, Map.of("app", "web"), Map.of("app", "web", "x", "y")));
    assertCauses(Validation.validateCreate(rc(-1, Map.of("app", "web"), Map.of("app", "web"))),
        tuple("spec.replicas", "FieldValueInvalid", "Invalid value: -1: must be greater than or equal to 0"));
    assertCauses(Validation.validateCreate(rc(1, Map.of("app", "web"), Map.of("app", "db"))),
        tuple("spec.template.metadata.labels", "FieldValueInvalid",
            "Invalid value: map[string]string{\"app\":\"db\"}: `selector` does not match template `labels`"));
    assertCause(Validation.validateCreate(rc(1, null, null)), "spec.selector", "FieldValueRequired");
    ReplicationController noTemplate = ReplicationController.of(ObjectMeta.named("default", "web"),
        new ReplicationControllerSpec(1, null, Map.of("a", "b"), null));
    assertCauses(Validation.validateCreate(noTemplate), tuple("spec.template", "FieldValueRequired", "Required value"));
    ReplicationController never = rc(1, Map.of("a", "b"), Map.of("a", "b"));
    never = never.withSpec(new ReplicationControllerSpec(1, null, Map.of("a", "b"),
        never.spec().template().withSpec(never.spec().template().spec().withRestartPolicy("Never")
            .withActiveDeadlineSeconds(5L))));
    List<io.coxswain.api.Status.StatusCause> causes = Validation.validateCreate(never);
    assertCause(causes, "spec.template.spec.restartPolicy", "FieldValueNotSupported");
    assertCause(causes, "spec.template.spec.activeDeadlineSeconds", "FieldValueForbidden");
    ReplicationController badContainer = rc(1, Map.of("a", "b"), Map.of("a", "b"));
    badContainer = badContainer.withSpec(new ReplicationControllerSpec(1, null, Map.of("a", "b"),
        badContainer.spec().template().withSpec(PodSpec.of(List.of(Container.of("c", null))))));
    assertCause(Validation.validateCreate(badContainer), "spec.template.spec.containers[0].image",
        "FieldValueRequired");
  }

  @Test
  void selectorMayChangeOnUpdate() {
    ReplicationController old = created(rc(1, Map.of("app", "web"), Map.of("app", "web", "v", "2")));
    ReplicationController changed = old.withSpec(new ReplicationControllerSpec(5, null, Map.of("v", "2"),
        old.spec().template()));
    assertThat(Validation.validateUpdate(old, changed)).isEmpty();
  }

  static Service service(String type, String clusterIP, ServicePort... ports) {
    return Service.of(ObjectMeta.named("default", "web"), ServiceSpec.builder().type(type).selector(Map.of("app", "web")).ports(List.of(ports)).clusterIP(clusterIP).build());
  }

  @Test
  void service() {
    Fixtures.assertValid(created(service(null, null, ServicePort.of(null, 80, null))));
    Fixtures.assertValid(service("ClusterIP", "None"));
    assertCauses(Validation.validateCreate(service(null, null)),
        tuple("spec.ports", "FieldValueRequired", "Required value"));
    assertCauses(Validation.validateCreate(service("Magic", null, ServicePort.of(null, 80, null))),
        tuple("spec.type", "FieldValueNotSupported", "Unsupported value: \"Magic\": supported values: "
            + "\"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""));
    List<io.coxswain.api.Status.StatusCause> causes = Validation.validateCreate(service("ClusterIP", "1.2.3",
        ServicePort.of(null, 0, IntOrString.of("Bad_Name")), ServicePort.of("a", 80, null),
        ServicePort.of("a", 81, null), new ServicePort("b", "TCP", null, 82, null, 30000)));
    assertCauses(causes,
        tuple("spec.clusterIP", "FieldValueInvalid",
            "Invalid value: \"1.2.3\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"),
        tuple("spec.ports[0].name", "FieldValueRequired", "Required value"),
        tuple("spec.ports[0].port", "FieldValueInvalid", "Invalid value: 0: must be between 1 and 65535, inclusive"),
        tuple("spec.ports[0].targetPort", "FieldValueInvalid",
            "Invalid value: \"Bad_Name\": must contain only alphanumeric characters (a-z, 0-9), and hyphens (-)"),
        tuple("spec.ports[2].name", "FieldValueDuplicate", "Duplicate value: \"a\""),
        tuple("spec.ports[3].nodePort", "FieldValueForbidden", "Forbidden: may not be used when `type` is 'ClusterIP'"));
    Fixtures.assertValid(service("NodePort", null, new ServicePort(null, "TCP", null, 80, null, 30080)));
    assertCause(Validation.validateCreate(service(null, null, ServicePort.of(null, 80, null),
        ServicePort.of(null, 81, null)).withMetadata(ObjectMeta.named("default", "1web"))), "metadata.name",
        "FieldValueInvalid");
  }

  @Test
  void externalNameService() {
    Service ok = Service.of(ObjectMeta.named("default", "ext"), ServiceSpec.builder().type("ExternalName").externalName("example.com").build());
    Fixtures.assertValid(ok);
    Service bad = Service.of(ObjectMeta.named("default", "ext"), ServiceSpec.builder().type("ExternalName").clusterIP("10.0.0.1").build());
    List<io.coxswain.api.Status.StatusCause> causes = Validation.validateCreate(bad);
    assertCause(causes, "spec.clusterIP", "FieldValueForbidden");
    assertCause(causes, "spec.externalName", "FieldValueRequired");
  }

  @Test
  void clusterIpIsImmutableOnceSet() {
    Service old = created(service(null, null, ServicePort.of(null, 80, null)));
    old = old.withSpec(old.spec().withClusterIP("10.96.0.10"));
    Service moved = old.withSpec(old.spec().withClusterIP("10.96.0.11"));
    assertCauses(Validation.validateUpdate(old, moved), tuple("spec.clusterIPs[0]", "FieldValueInvalid",
        "Invalid value: []string{\"10.96.0.11\"}: may not change once set"));
    Service unallocated = created(service(null, null, ServicePort.of(null, 80, null)));
    assertThat(Validation.validateUpdate(unallocated, unallocated.withSpec(
        unallocated.spec().withClusterIP("10.96.0.12")))).isEmpty();
  }

  @Test
  void endpoints() {
    EndpointSubset good = new EndpointSubset(List.of(new EndpointAddress("10.0.0.1", null, "node-1",
        ObjectReference.of("Pod", "default", "p"))), List.of(new EndpointAddress("fd00::1", null, null, null)),
        List.of(new EndpointPort("http", 80, "TCP", null), new EndpointPort("https", 443, null, null)));
    Fixtures.assertValid(Endpoints.of(ObjectMeta.named("default", "web"), List.of(good)));
    EndpointSubset bad = new EndpointSubset(List.of(new EndpointAddress("not-an-ip", null, null, null)), null,
        List.of(new EndpointPort(null, 0, "ICMP", null), new EndpointPort(null, 1, null, null)));
    List<io.coxswain.api.Status.StatusCause> causes =
        Validation.validateCreate(Endpoints.of(ObjectMeta.named("default", "web"), List.of(bad,
            new EndpointSubset(null, null, null))));
    assertCause(causes, "subsets[0].addresses[0].ip", "FieldValueInvalid");
    assertCause(causes, "subsets[0].ports[0].name", "FieldValueRequired");
    assertCause(causes, "subsets[0].ports[0].port", "FieldValueInvalid");
    assertCause(causes, "subsets[0].ports[0].protocol", "FieldValueNotSupported");
    assertCause(causes, "subsets[1]", "FieldValueRequired");
  }

  @Test
  void node() {
    Node ok = Node.of(ObjectMeta.named(null, "node-1.example"), new NodeSpec(null, null, null, true,
        List.of(new Taint("dedicated", "db", "NoSchedule", null)), null, null, null),
        NodeStatus.builder().capacity(Quantity.resourceList("cpu", "4", "memory", "8Gi")).build());
    Fixtures.assertValid(ok);
    Node bad = Node.of(ObjectMeta.named(null, "Node_1"), new NodeSpec(null, null, null, null,
        List.of(new Taint("k", null, "Sometimes", null), new Taint("k", null, null, null),
            new Taint("k", null, null, null)), null, null, null),
        NodeStatus.builder().capacity(Quantity.resourceList("cpu", "-4")).build());
    List<io.coxswain.api.Status.StatusCause> causes = Validation.validateCreate(bad);
    assertCause(causes, "metadata.name", "FieldValueInvalid");
    assertCause(causes, "spec.taints[0].effect", "FieldValueNotSupported");
    assertCause(causes, "spec.taints[1].effect", "FieldValueRequired");
    assertCause(causes, "spec.taints[2]", "FieldValueDuplicate");
    assertCause(causes, "status.capacity[cpu]", "FieldValueInvalid");
  }

  @Test
  void eventBindingAndScale() {
    Event ok = new Event(null, null, ObjectMeta.named("default", "p.1"), ObjectReference.of("Pod", "default", "p"),
        "Scheduled", "assigned", null, null, null, 1, "Normal", null, null, null, null, null, null);
    Fixtures.assertValid(ok);
    Event noSubject = new Event(null, null, ObjectMeta.named("default", "e"), null, null, null, null, null, null,
        null, null, null, null, null, null, null, null);
    assertCauses(Validation.validateCreate(noSubject), tuple("involvedObject", "FieldValueRequired", "Required value"));
    Event elsewhere = new Event(null, null, ObjectMeta.named("default", "e"), ObjectReference.of("Pod", "x", "p"),
        null, null, null, null, null, null, "Bad", null, null, null, null, null, null);
    assertCause(Validation.validateCreate(elsewhere), "involvedObject.namespace", "FieldValueInvalid");
    assertCause(Validation.validateCreate(elsewhere), "type", "FieldValueNotSupported");

    Fixtures.assertValid(Binding.of("default", "p", "node-1"));
    Binding bad = new Binding(null, null, ObjectMeta.named("default", "p"), ObjectReference.of("Pod", null, null));
    assertCauses(Validation.validateCreate(bad),
        tuple("target.kind", "FieldValueNotSupported", "Unsupported value: \"Pod\": supported values: \"Node\", "
            + "\"<empty>\""),
        tuple("target.name", "FieldValueRequired", "Required value"));

    Fixtures.assertValid(Scale.of(ObjectMeta.named("default", "web"), 3, null, null));
    assertCauses(Validation.validateCreate(Scale.of(ObjectMeta.named("default", "web"), -1, null, null)),
        tuple("spec.replicas", "FieldValueInvalid", "Invalid value: -1: must be greater than or equal to 0"));
  }
}
