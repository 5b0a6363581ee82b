package io.coxswain.node.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.core.Container;
import io.coxswain.api.core.ContainerPort;
import io.coxswain.api.core.GRPCAction;
import io.coxswain.api.core.HTTPGetAction;
import io.coxswain.api.core.IntOrString;
import io.coxswain.api.core.Probe;
import io.coxswain.api.core.TCPSocketAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Named probe ports resolve against the container's ports; a grpc probe's port is already a number. */
class ProbePortsTest {
  private static final Container WEB = Container.of("web", "img")
      .withPorts(List.of(new ContainerPort("http", null, 8080, null, null)));

  private static Probe probe(HTTPGetAction get, TCPSocketAction tcp, GRPCAction grpc) {
    return new Probe(null, get, tcp, null, 1, null, null, null, null, grpc);
  }

  @Test
  void namedPortsOfHttpGetAndTcpSocketResolve() {
    Probe get = probe(new HTTPGetAction("/", IntOrString.of("http"), null, null, null, null), null, null);
    assertThat(ProbePorts.resolve(get, WEB).httpGet().port()).isEqualTo(IntOrString.of(8080));
    Probe tcp = probe(null, new TCPSocketAction(IntOrString.of("nope"), null), null);
    assertThat(ProbePorts.resolve(tcp, WEB).tcpSocket().port()).as("unknown name: port 0, which fails")
        .isEqualTo(IntOrString.of(0));
  }

  @Test
  void aGrpcProbeIsLeftAsWritten() {
    Probe grpc = probe(null, null, new GRPCAction(null, 9090, "health"));
    assertThat(ProbePorts.resolve(grpc, WEB)).isSameAs(grpc);
  }
}
