package io.coxswain.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.coxswain.network.NftTables;
import io.coxswain.testing.DockerSupport;
import io.coxswain.testing.Http;
import io.coxswain.testing.Kubectl;
import io.coxswain.testing.ServiceTraffic;
import io.coxswain.testing.TestNode;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Service traffic on real containers through the node's nftables data plane: a cluster IP reaches
 * the ready pods behind it from the host and from a pod (itself among the endpoints), balanced over
 * them; a node port reaches them on the node's address; ClientIP affinity keeps a client on one
 * pod; a Service without ready endpoints refuses at once; a pod failing readiness stops receiving
 * new connections and gets them again when it passes. Every address is checked to route locally
 * before a packet is sent to it.
 */
@Tag("integration")
class DockerServiceTrafficTest {
  private static final String NODE = "docker-services";
  private static final String SUBNET = "10.244.31.0/24";
  private static DockerClient docker;
  private static TestNode node;
  private static Http http;

  @BeforeAll
  static void start() throws Exception {
    docker = DockerSupport.requireDocker();
    node = TestNode.named(NODE, Map.of("coxswain.node.runtime", "docker", "coxswain.node.pod-sync-period", "200ms",
        "coxswain.node.pod-subnet", SUBNET, "coxswain.network.service-proxy", "nftables"));
    http = new Http(node.url());
    apply("""
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {app: web}
          template:
            metadata: {labels: {app: web}}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: httpd
                image: coxswain-test/busybox:1
                command: ["/bin/sh", "-c", "mkdir -p /www && hostname > /www/index.html && touch /www/ready && exec httpd -f -p 8080 -h /www"]
                ports: [{name: http, containerPort: 8080}]
                readinessProbe: {httpGet: {path: /ready, port: http}, periodSeconds: 1, failureThreshold: 1}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{name: http, port: 80, targetPort: http}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web-nodeport}
        spec:
          type: NodePort
          selector: {app: web}
          ports: [{port: 80, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: sticky}
        spec:
          selector: {app: web}
          sessionAffinity: ClientIP
          ports: [{port: 80, targetPort: 8080}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: nobody}
        spec:
          selector: {app: nothing-matches}
          ports: [{port: 80, targetPort: 8080}]
        """);
    await().atMost(Duration.ofSeconds(90)).until(() -> readyAddresses("web").size() == 2
        && readyAddresses("web-nodeport").size() == 2 && readyAddresses("sticky").size() == 2);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    DockerSupport.removeNodeContainers(docker, NODE);
    docker.close();
    Process listed = new ProcessBuilder("nft", "list", "table", "ip", NftTables.tableOf(NODE)).start();
    assertThat(listed.waitFor()).as("the node's rules are removed when it stops").isNotZero();
  }

  private static void apply(String yaml) throws Exception {
    Path file = Files.createTempFile("services-", ".yaml");
    Files.writeString(file, yaml);
    Kubectl.Result result = new Kubectl(node.url()).run("apply", "-f", file.toString());
    assertThat(result.exitCode()).as(result.all()).isZero();
  }

  private static String clusterIp(String service) {
    String namespace = "kube-dns".equals(service) ? "kube-system" : "default";
    return http.get("/api/v1/namespaces/" + namespace + "/services/" + service).json().at("/spec/clusterIP").asText();
  }

  private static List<String> readyAddresses(String service) {
    return ServiceTraffic.readyAddresses(http, "default", service);
  }

  /** Pod name to its app container's id, for the pods behind "web". */
  private static Map<String, String> webContainers() {
    Map<String, String> containers = new HashMap<>();
    for (JsonNode pod : http.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dweb").json().get("items")) {
      containers.put(pod.at("/metadata/name").asText(), pod.at("/status/containerStatuses/0/containerID").asText()
          .substring("docker://".length()));
    }
    return containers;
  }

  private static Set<String> hostnames(String address, int port, int requests) throws IOException {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < requests; i++) {
      seen.add(ServiceTraffic.get(address, port));
    }
    return seen;
  }

  @Test
  void aClusterIpBalancesOverTheReadyPodsFromTheHost() throws Exception {
    String ip = clusterIp("web");
    ServiceTraffic.requireLocal(ip);
    // Random choice over two endpoints: 40 requests all on one pod has probability 2^-39.
    assertThat(hostnames(ip, 80, 40)).containsExactlyInAnyOrderElementsOf(webContainers().keySet());
  }

  @Test
  void aPodReachesTheServiceIncludingItself() throws Exception {
    String ip = clusterIp("web");
    ServiceTraffic.requireLocal(ip);
    Map<String, String> containers = webContainers();
    String client = containers.values().iterator().next();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      String body = ServiceTraffic.exec(docker, client, "wget", "-q", "-O", "-", "http://" + ip + "/").strip();
      seen.add(body);
    }
    assertThat(seen).as("both pods answer a pod, the asking one too (hairpin)")
        .containsExactlyInAnyOrderElementsOf(containers.keySet());
  }

  @Test
  void aNodePortReachesThePodsOnTheNodesAddress() throws Exception {
    JsonNode service = http.get("/api/v1/namespaces/default/services/web-nodeport").json();
    int nodePort = service.at("/spec/ports/0/nodePort").asInt();
    // The node's address on its pod network: Docker gives the bridge the subnet's first address.
    String gateway = io.coxswain.network.Cidr.parse(SUBNET).address(1);
    assertThat(nodePort).isBetween(30000, 32767);
    assertThat(hostnames(gateway, nodePort, 40)).containsExactlyInAnyOrderElementsOf(webContainers().keySet());
  }

  @Test
  void aPodStartedAfterTheServicesGetsTheirVariables() throws Exception {
    apply("""
        apiVersion: v1
        kind: Pod
        metadata: {name: env-check}
        spec:
          terminationGracePeriodSeconds: 1
          containers:
          - name: c
            image: coxswain-test/busybox:1
            command: ["/bin/sh", "-c", "exec sleep 3600"]
            env: [{name: WEB_URL, value: "http://$(WEB_SERVICE_HOST):$(WEB_SERVICE_PORT_HTTP)/"}]
        """);
    await().atMost(Duration.ofSeconds(60)).until(() -> "Running".equals(http.get(
        "/api/v1/namespaces/default/pods/env-check").json().at("/status/phase").asText()));
    String id = http.get("/api/v1/namespaces/default/pods/env-check").json()
        .at("/status/containerStatuses/0/containerID").asText().substring("docker://".length());
    String env = ServiceTraffic.exec(docker, id, "env");
    String ip = clusterIp("web");
    assertThat(env).contains("WEB_SERVICE_HOST=" + ip, "WEB_SERVICE_PORT=80", "WEB_SERVICE_PORT_HTTP=80",
        "WEB_PORT=tcp://" + ip + ":80", "WEB_PORT_80_TCP_ADDR=" + ip, "WEB_NODEPORT_SERVICE_HOST=",
        "WEB_URL=http://" + ip + ":80/");
    // The variables lead where they say, from inside the pod.
    ServiceTraffic.requireLocal(ip);
    assertThat(ServiceTraffic.exec(docker, id, "sh", "-c", "wget -q -O - $WEB_URL").strip())
        .isIn(webContainers().keySet());
  }

  @Test
  void podsFindServicesByNameThroughTheClusterDns() throws Exception {
    String client = webContainers().values().iterator().next();
    String dns = clusterIp("kube-dns");
    ServiceTraffic.requireLocal(dns);
    assertThat(ServiceTraffic.exec(docker, client, "cat", "/etc/resolv.conf")).isEqualTo(
        "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver " + dns + "\noptions ndots:5\n");
    String ip = clusterIp("web");
    ServiceTraffic.requireLocal(ip);
    assertThat(ServiceTraffic.exec(docker, client, "busybox", "nslookup", "web.default.svc.cluster.local"))
        .contains("Address: " + ip);
    assertThat(ServiceTraffic.exec(docker, client, "busybox", "nslookup", "nosuch.default.svc.cluster.local"))
        .contains("NXDOMAIN");
    // Short name and namespace-qualified name through the search path, as an application resolves them.
    for (String name : List.of("web", "web.default", "web.default.svc.cluster.local")) {
      assertThat(ServiceTraffic.exec(docker, client, "wget", "-q", "-O", "-", "http://" + name + "/").strip())
          .as(name).isIn(webContainers().keySet());
    }
  }

  @Test
  void deletingAPodBehindTheServiceDropsNoRequest() throws Exception {
    String ip = clusterIp("web");
    ServiceTraffic.requireLocal(ip);
    String victim = webContainers().keySet().iterator().next();
    int requests = 0;
    List<String> failures = new java.util.ArrayList<>();
    boolean deleted = false;
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    // Bounded: until 2,000 requests were answered and the deleted pod is gone, or 90 s.
    while (System.nanoTime() < deadline && (requests < 2_000
        || http.get("/api/v1/namespaces/default/pods/" + victim).code() == 200)) {
      if (requests == 200 && !deleted) {
        assertThat(http.delete("/api/v1/namespaces/default/pods/" + victim).code()).isEqualTo(200);
        deleted = true;
      }
      try {
        ServiceTraffic.get(ip, 80);
      } catch (IOException e) {
        failures.add(requests + ": " + e);
      }
      requests++;
    }
    assertThat(deleted).isTrue();
    assertThat(requests).isGreaterThanOrEqualTo(2_000);
    assertThat(failures).as("requests failed while %s was deleted (of %d)", victim, requests).isEmpty();
    await().atMost(Duration.ofSeconds(60)).until(() -> readyAddresses("web").size() == 2
        && !webContainers().containsKey(victim));
  }

  @Test
  void clientIpAffinityKeepsAClientOnOnePod() throws Exception {
    assertThat(hostnames(clusterIp("sticky"), 80, 30)).hasSize(1);
  }

  @Test
  void aServiceWithoutReadyEndpointsRefusesAtOnce() {
    String ip = clusterIp("nobody");
    ServiceTraffic.requireLocal(ip);
    long started = System.nanoTime();
    assertThatThrownBy(() -> ServiceTraffic.get(ip, 80)).isInstanceOf(ConnectException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused, not dropped").isLessThan(Duration.ofSeconds(1));
    // A port the Service does not have is refused the same way.
    assertThatThrownBy(() -> ServiceTraffic.get(clusterIp("web"), 81)).isInstanceOf(ConnectException.class);
  }

  @Test
  void aPodFailingReadinessStopsGettingNewConnectionsAndComesBack() throws Exception {
    Map<String, String> containers = webContainers();
    String unready = containers.keySet().iterator().next();
    String ip = clusterIp("web");
    ServiceTraffic.exec(docker, containers.get(unready), "rm", "/www/ready");
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> readyAddresses("web").size() == 1);
      // The endpoints changed; the rules follow within moments (the proxy's sync, not a poll here).
      await().atMost(Duration.ofSeconds(10)).until(() -> !hostnames(ip, 80, 20).contains(unready));
      assertThat(hostnames(ip, 80, 40)).doesNotContain(unready).hasSize(1);
    } finally {
      ServiceTraffic.exec(docker, containers.get(unready), "touch", "/www/ready");
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> readyAddresses("web").size() == 2);
    await().atMost(Duration.ofSeconds(10)).until(() -> hostnames(ip, 80, 40).contains(unready));
  }
}
