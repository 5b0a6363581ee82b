package io.coxswain.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServicePort;
import io.coxswain.api.validation.Validation;
import org.junit.jupiter.api.Test;

/** A replacement Service prepared as Kubernetes' service update prepares it, then validated. */
class ServiceUpdateTest {
  private static final Service NODE_PORT = service("""
      {"type":"NodePort","clusterIP":"10.96.3.3","clusterIPs":["10.96.3.3"],"ipFamilies":["IPv4"],
       "ipFamilyPolicy":"SingleStack","externalTrafficPolicy":"Cluster","sessionAffinity":"None",
       "internalTrafficPolicy":"Cluster","selector":{"app":"web"},
       "ports":[{"name":"http","port":80,"targetPort":8080,"protocol":"TCP","nodePort":30111}]}""");

  private static Service service(String spec) {
    return Json.decode(("{\"kind\":\"Service\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web\",\"namespace\":"
        + "\"default\",\"uid\":\"u1\",\"resourceVersion\":\"5\"},\"spec\":" + spec + "}").getBytes(),
        "application/json", Service.class);
  }

  /** What the API server does with a replacement: defaults, this preparation, validation. */
  private static Service update(Service next) {
    return (Service) Defaulting.applyUpdateDefaults(NODE_PORT, next);
  }

  @Test
  void turningClusterIpDropsTheNodePortsAndTrafficPolicyTheClientLeftAsTheyWere() {
    // kubectl patch svc web -p '{"spec":{"type":"ClusterIP"}}': the merge keeps every other field.
    Service patched = update(NODE_PORT.withSpec(NODE_PORT.spec().toBuilder().type("ClusterIP").build()));
    assertThat(patched.spec().ports()).extracting(ServicePort::nodePort).containsOnlyNulls();
    assertThat(patched.spec().externalTrafficPolicy()).isNull();
    assertThat(patched.spec().clusterIP()).isEqualTo("10.96.3.3");
    assertThat(Validation.validateUpdate(NODE_PORT, patched)).isEmpty();
  }

  @Test
  void turningExternalNameDropsTheClusterIpAndIpFamilies() {
    Service patched = update(NODE_PORT.withSpec(NODE_PORT.spec().toBuilder().type("ExternalName")
        .externalName("db.example.com").build()));
    assertThat(patched.spec().clusterIP()).isNull();
    assertThat(patched.spec().clusterIPs()).isEmpty();
    assertThat(patched.spec().ipFamilies()).isEmpty();
    assertThat(patched.spec().ipFamilyPolicy()).isNull();
    assertThat(patched.spec().ports()).extracting(ServicePort::nodePort).containsOnlyNulls();
    assertThat(Validation.validateUpdate(NODE_PORT, patched)).isEmpty();
  }

  @Test
  void aNodePortTheClientAsksForOnAClusterIpServiceIsStillRefused() {
    Service asked = update(NODE_PORT.withSpec(NODE_PORT.spec().toBuilder().type("ClusterIP")
        .ports(java.util.List.of(NODE_PORT.spec().ports().get(0).withNodePort(30999))).build()));
    assertThat(Validation.validateUpdate(NODE_PORT, asked)).extracting(c -> c.field())
        .contains("spec.ports[0].nodePort");
  }

  @Test
  void aReplacementWithoutAllocatedValuesKeepsThem() {
    // kubectl replace of the manifest the Service was created from: no clusterIP, no nodePort, and
    // the port renumbered; its node port follows the port's name, as in Kubernetes.
    Service manifest = service("""
        {"type":"NodePort","selector":{"app":"web"},"ports":[{"name":"http","port":8081,"targetPort":8080}]}""");
    Service replaced = update(manifest);
    assertThat(replaced.spec().clusterIP()).isEqualTo("10.96.3.3");
    assertThat(replaced.spec().clusterIPs()).containsExactly("10.96.3.3");
    assertThat(replaced.spec().ports().get(0).nodePort()).isEqualTo(30111);
    assertThat(Validation.validateUpdate(NODE_PORT, replaced)).isEmpty();
  }

  @Test
  void changingTheClusterIpIsRefusedOnClusterIPs() {
    Service moved = update(NODE_PORT.withSpec(NODE_PORT.spec().toBuilder().clusterIP("10.96.9.9").build()));
    assertThat(moved.spec().clusterIPs()).containsExactly("10.96.9.9");
    assertThat(Validation.validateUpdate(NODE_PORT, moved)).singleElement().satisfies(cause -> {
      assertThat(cause.field()).isEqualTo("spec.clusterIPs[0]");
      assertThat(cause.message()).isEqualTo("Invalid value: []string{\"10.96.9.9\"}: may not change once set");
    });
  }
}
