package io.coxswain.node.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.core.Pod;
import io.coxswain.node.runtime.ContainerSecurity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityContextsTest {
  private static Pod pod(String spec) {
    return Json.decode(("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"d\"},\"spec\":" + spec + "}")
        .getBytes(StandardCharsets.UTF_8), "application/json", Pod.class);
  }

  @Test
  void theContainersValuesWinAndThePodsGroupsAreAdded() {
    Pod pod = pod("""
        {"securityContext":{"runAsUser":1000,"runAsGroup":3000,"runAsNonRoot":true,"fsGroup":2000,
          "supplementalGroups":[4000,2000],"seccompProfile":{"type":"Unconfined"}},
         "containers":[{"name":"a","image":"i","securityContext":{"runAsUser":1001,"readOnlyRootFilesystem":true,
            "allowPrivilegeEscalation":false,"capabilities":{"add":["NET_ADMIN"],"drop":["ALL"]},
            "seccompProfile":{"type":"Localhost","localhostProfile":"profiles/audit.json"}}},
           {"name":"b","image":"i"}]}
        """);
    ContainerSecurity a = SecurityContexts.merge(pod, pod.spec().containers().get(0), Path.of("/var/lib/node/seccomp"));
    assertThat(a).isEqualTo(new ContainerSecurity(1001L, 3000L, true, List.of(4000L, 2000L), true,
        List.of("NET_ADMIN"), List.of("ALL"), false, true, "/var/lib/node/seccomp/profiles/audit.json"));
    ContainerSecurity b = SecurityContexts.merge(pod, pod.spec().containers().get(1), null);
    assertThat(b.runAsUser()).isEqualTo(1000L);
    assertThat(b.readOnlyRootFilesystem()).isFalse();
    assertThat(b.noNewPrivileges()).isFalse();
    assertThat(b.seccomp()).isEqualTo("unconfined");
  }

  @Test
  void noSecurityContextIsTheRuntimesDefault() {
    Pod pod = pod("{\"containers\":[{\"name\":\"a\",\"image\":\"i\",\"securityContext\":{}}]}");
    assertThat(SecurityContexts.merge(pod, pod.spec().containers().get(0), null)).isEqualTo(ContainerSecurity.DEFAULT);
    Pod runtimeDefault = pod("{\"securityContext\":{\"seccompProfile\":{\"type\":\"RuntimeDefault\"}},"
        + "\"containers\":[{\"name\":\"a\",\"image\":\"i\"}]}");
    assertThat(SecurityContexts.merge(runtimeDefault, runtimeDefault.spec().containers().get(0), null).seccomp())
        .isNull();
  }
}
