package io.coxswain.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.testing.Http;
import io.coxswain.testing.TestNode;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The cluster DNS records, served over real UDP and TCP on loopback from a node's cache and asked
 * with dnsjava's resolver: Kubernetes' DNS specification as the expected value.
 */
@Tag("integration")
class ClusterDnsTest {
  private static TestNode node;
  private static DnsServer server;
  private static String webIp;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Map.of("coxswain.controllers.enabled", false, "coxswain.scheduler.enabled", false));
    Http http = new Http(node.url());
    String json = "application/json";
    assertThat(http.post("/api/v1/namespaces/default/services", json, """
        {"metadata":{"name":"web"},"spec":{"selector":{"app":"web"},
         "ports":[{"name":"http","port":80,"targetPort":8080},{"name":"dns","port":53,"protocol":"UDP"}]}}
        """).code()).isEqualTo(201);
    assertThat(http.post("/api/v1/namespaces/default/services", json, """
        {"metadata":{"name":"db"},"spec":{"clusterIP":"None","ports":[{"name":"sql","port":5432}]}}
        """).code()).isEqualTo(201);
    assertThat(http.post("/api/v1/namespaces/default/endpoints", json, """
        {"metadata":{"name":"db"},"subsets":[{"addresses":[{"ip":"10.244.1.7","hostname":"db-0"},
         {"ip":"10.244.1.8","hostname":"db-1"}],"notReadyAddresses":[{"ip":"10.244.1.9"}],
         "ports":[{"name":"sql","port":5432}]}]}
        """).code()).isEqualTo(201);
    assertThat(http.post("/api/v1/namespaces/default/services", json, """
        {"metadata":{"name":"cache"},"spec":{"clusterIP":"None","ports":[{"name":"memcache","port":11211}]}}
        """).code()).isEqualTo(201);
    assertThat(http.post("/api/v1/namespaces/default/endpoints", json, """
        {"metadata":{"name":"cache"},"subsets":[{"addresses":[{"ip":"10.244.1.20"}],
         "ports":[{"name":"memcache","port":11211}]}]}
        """).code()).isEqualTo(201);
    assertThat(http.post("/api/v1/namespaces/default/services", json, """
        {"metadata":{"name":"ext"},"spec":{"type":"ExternalName","externalName":"db.default.svc.cluster.local"}}
        """).code()).isEqualTo(201);
    webIp = http.get("/api/v1/namespaces/default/services/web").json().at("/spec/clusterIP").asText();
    var cache = node.node().store().cache();
    await().atMost(Duration.ofSeconds(10)).until(() -> cache.view().get(
        new io.coxswain.store.ResourceKey("endpoints", "default", "db")) != null && cache.view().get(
        new io.coxswain.store.ResourceKey("endpoints", "default", "cache")) != null);
    server = DnsServer.start(new ClusterDns("cluster.local"), cache::view, InetAddress.getLoopbackAddress(), 0);
  }

  @AfterAll
  static void stop() {
    server.close();
    node.close();
  }

  private static Message ask(String name, int type, boolean tcp) throws Exception {
    SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
    resolver.setPort(server.port());
    resolver.setTCP(tcp);
    resolver.setTimeout(Duration.ofSeconds(2));
    return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, 1)));
  }

  private static List<String> answers(Message response) {
    return response.getSection(Section.ANSWER).stream().map(r -> r.rdataToString()).toList();
  }

  @Test
  void aServiceNameIsItsClusterIpOverUdpAndTcpInAnyCase() throws Exception {
    for (boolean tcp : List.of(false, true)) {
      Message response = ask("web.default.svc.cluster.local.", Type.A, tcp);
      assertThat(response.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(response.getHeader().getFlag(Flags.AA)).isTrue();
      assertThat(answers(response)).containsExactly(webIp);
      assertThat(response.getSection(Section.ANSWER).get(0)).isInstanceOf(ARecord.class);
    }
    Message mixed = ask("WEB.Default.SVC.cluster.local.", Type.A, false);
    assertThat(answers(mixed)).containsExactly(webIp);
    assertThat(mixed.getSection(Section.ANSWER).get(0).getName().toString()).isEqualTo("WEB.Default.SVC.cluster.local.");
  }

  @Test
  void namedPortsHaveSrvRecords() throws Exception {
    Message response = ask("_http._tcp.web.default.svc.cluster.local.", Type.SRV, false);
    SRVRecord srv = (SRVRecord) response.getSection(Section.ANSWER).get(0);
    assertThat(srv.getPort()).isEqualTo(80);
    assertThat(srv.getTarget().toString()).isEqualTo("web.default.svc.cluster.local.");
    assertThat(answers(ask("_dns._udp.web.default.svc.cluster.local.", Type.SRV, false))).hasSize(1);
    assertThat(ask("_http._udp.web.default.svc.cluster.local.", Type.SRV, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void aHeadlessServiceIsItsReadyEndpointsAndEachHasItsHostname() throws Exception {
    assertThat(answers(ask("db.default.svc.cluster.local.", Type.A, false)))
        .containsExactlyInAnyOrder("10.244.1.7", "10.244.1.8");
    assertThat(answers(ask("db-1.db.default.svc.cluster.local.", Type.A, false))).containsExactly("10.244.1.8");
    Message srv = ask("_sql._tcp.db.default.svc.cluster.local.", Type.SRV, false);
    assertThat(srv.getSection(Section.ANSWER)).extracting(r -> ((SRVRecord) r).getTarget().toString())
        .containsExactlyInAnyOrder("db-0.db.default.svc.cluster.local.", "db-1.db.default.svc.cluster.local.");
  }

  /** An endpoint without a hostname is named by its dashed address, and the SRV record's target resolves. */
  @Test
  void srvTargetsOfEndpointsWithoutHostnameResolve() throws Exception {
    Message srv = ask("_memcache._tcp.cache.default.svc.cluster.local.", Type.SRV, false);
    assertThat(srv.getSection(Section.ANSWER)).extracting(r -> ((SRVRecord) r).getTarget().toString())
        .containsExactly("10-244-1-20.cache.default.svc.cluster.local.");
    assertThat(answers(ask("10-244-1-20.cache.default.svc.cluster.local.", Type.A, false)))
        .containsExactly("10.244.1.20");
  }

  /** Reverse lookups name the Service of a cluster IP and the endpoint of a backing address. */
  @Test
  void addressesResolveBackToTheirNames() throws Exception {
    String[] octets = webIp.split("\\.");
    String reverse = octets[3] + "." + octets[2] + "." + octets[1] + "." + octets[0] + ".in-addr.arpa.";
    assertThat(answers(ask(reverse, Type.PTR, false))).containsExactly("web.default.svc.cluster.local.");
    assertThat(answers(ask("8.1.244.10.in-addr.arpa.", Type.PTR, false)))
        .containsExactly("db-1.db.default.svc.cluster.local.");
    assertThat(answers(ask("20.1.244.10.in-addr.arpa.", Type.PTR, false)))
        .containsExactly("10-244-1-20.cache.default.svc.cluster.local.");
    assertThat(ask("9.9.9.10.in-addr.arpa.", Type.PTR, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void anExternalNameIsACnameAndPodNamesSpellTheirAddress() throws Exception {
    Message response = ask("ext.default.svc.cluster.local.", Type.A, false);
    assertThat(response.getSection(Section.ANSWER).get(0)).isInstanceOf(CNAMERecord.class);
    assertThat(answers(response)).containsExactly("db.default.svc.cluster.local.");
    assertThat(answers(ask("10-244-1-5.default.pod.cluster.local.", Type.A, false))).containsExactly("10.244.1.5");
  }

  @Test
  void whatDoesNotExistIsNxdomainAndNothingIsForwarded() throws Exception {
    Message missing = ask("nope.default.svc.cluster.local.", Type.A, false);
    assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(missing.getSection(Section.AUTHORITY)).isNotEmpty();
    assertThat(ask("web.nonamespace.svc.cluster.local.", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(ask("example.com.", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    // A name that exists, asked for a type it has not: an empty answer, not NXDOMAIN.
    Message aaaa = ask("web.default.svc.cluster.local.", Type.AAAA, false);
    assertThat(aaaa.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(aaaa.getSection(Section.ANSWER)).isEmpty();
    // The kube-dns Service every cluster has.
    assertThat(answers(ask("kube-dns.kube-system.svc.cluster.local.", Type.A, false))).containsExactly("10.96.0.10");
  }

  /**
   * A client holding a TCP connection open without asking does not hold up another: the second is
   * answered while the first is still open, and the first is answered afterwards on the same
   * connection (a server serving one connection at a time would have timed the first out).
   */
  @Test
  void oneIdleTcpConnectionDoesNotStallTheOthers() throws Exception {
    try (java.net.Socket idle = new java.net.Socket(InetAddress.getLoopbackAddress(), server.port())) {
      idle.setSoTimeout(5_000);
      Message other = ask("web.default.svc.cluster.local.", Type.A, true);
      assertThat(answers(other)).containsExactly(webIp);
      byte[] query = Message.newQuery(Record.newRecord(Name.fromString("web.default.svc.cluster.local."), Type.A, 1))
          .toWire();
      java.io.DataOutputStream out = new java.io.DataOutputStream(idle.getOutputStream());
      out.writeShort(query.length);
      out.write(query);
      out.flush();
      java.io.DataInputStream in = new java.io.DataInputStream(idle.getInputStream());
      byte[] reply = in.readNBytes(in.readUnsignedShort());
      assertThat(answers(new Message(reply))).containsExactly(webIp);
    }
  }
}
