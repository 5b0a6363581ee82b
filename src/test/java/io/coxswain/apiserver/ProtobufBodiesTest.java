package io.coxswain.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coxswain.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Bodies as kubectl 1.32 sends them for `create namespace demo2` and `create service clusterip s1`. */
class ProtobufBodiesTest {
  private static byte[] captured(String name) throws IOException {
    try (InputStream in = ProtobufBodiesTest.class.getResourceAsStream("/protobuf/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void namespaceFromKubectlCreateNamespace() throws IOException {
    ObjectNode ns = ProtobufBodies.toJson(captured("namespace-demo2.bin"));
    assertThat(ns.toString()).isEqualTo("{\"metadata\":{\"name\":\"demo2\"},\"spec\":{},\"apiVersion\":\"v1\",\"kind\":\"Namespace\"}");
  }

  @Test
  void serviceWithNumericAndNamedTargetPorts() throws IOException {
    ObjectNode svc = ProtobufBodies.toJson(captured("service-s1.bin"));
    assertThat(svc.at("/metadata/name").asText()).isEqualTo("s1");
    assertThat(svc.at("/metadata/labels/app").asText()).isEqualTo("s1");
    assertThat(svc.at("/spec/type").asText()).isEqualTo("ClusterIP");
    assertThat(svc.at("/spec/selector/app").asText()).isEqualTo("s1");
    assertThat(svc.at("/spec/ports/0/port").asInt()).isEqualTo(80);
    assertThat(svc.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8080);
    assertThat(svc.at("/spec/ports/1/name").asText()).isEqualTo("443-https");
    assertThat(svc.at("/spec/ports/1/targetPort").asText()).isEqualTo("https");
    assertThat(svc.at("/spec/ports/0/nodePort").isMissingNode()).as("zero values are dropped").isTrue();
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> ProtobufBodies.toJson(new byte[] {1, 2, 3}))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    byte[] truncated = {'k', '8', 's', 0, 0x12, 0x7f, 1};
    assertThatThrownBy(() -> ProtobufBodies.toJson(truncated))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
  }
}
