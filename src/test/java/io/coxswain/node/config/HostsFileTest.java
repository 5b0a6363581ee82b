package io.coxswain.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.core.Pod;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HostsFileTest {
  private static Pod pod(String spec) {
    return Json.decode(("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-0\",\"namespace\":\"shop\"},\"spec\":" + spec
        + "}").getBytes(StandardCharsets.UTF_8), "application/json", Pod.class);
  }

  @Test
  void thePodsOwnNameAndItsHostAliasesAsTheKubeletWritesThem() {
    String file = HostsFile.render(pod("""
        {"containers":[{"name":"c","image":"i"}],
         "hostAliases":[{"ip":"10.1.2.3","hostnames":["foo.local","bar.local"]},{"ip":"10.1.2.4","hostnames":["baz"]}]}
        """), "10.244.1.7", "cluster.local", "ignored");
    assertThat(file).isEqualTo("""
        # Kubernetes-managed hosts file.
        127.0.0.1\tlocalhost
        ::1\tlocalhost ip6-localhost ip6-loopback
        fe00::0\tip6-localnet
        fe00::0\tip6-mcastprefix
        fe00::1\tip6-allnodes
        fe00::2\tip6-allrouters
        10.244.1.7\tweb-0

        # Entries added by HostAliases.
        10.1.2.3\tfoo.local\tbar.local
        10.1.2.4\tbaz
        """);
  }

  @Test
  void aSubdomainGivesTheFullyQualifiedName() {
    String file = HostsFile.render(pod("""
        {"containers":[{"name":"c","image":"i"}],"hostname":"db","subdomain":"dbs"}
        """), "10.244.1.8", "cluster.local", "");
    assertThat(file).contains("10.244.1.8\tdb.dbs.shop.svc.cluster.local\tdb\n").doesNotContain("HostAliases");
  }

  @Test
  void aHostNetworkPodGetsTheNodesFileWithItsAliasesAfter() {
    String file = HostsFile.render(pod("""
        {"containers":[{"name":"c","image":"i"}],"hostNetwork":true,"hostAliases":[{"ip":"10.9.9.9","hostnames":["x"]}]}
        """), "192.168.1.5", "cluster.local", "127.0.0.1 localhost node-a");
    assertThat(file).isEqualTo("127.0.0.1 localhost node-a\n\n# Entries added by HostAliases.\n10.9.9.9\tx\n");
  }
}
