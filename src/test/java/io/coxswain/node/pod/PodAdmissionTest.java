package io.coxswain.node.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.core.Pod;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PodAdmissionTest {
  private static Pod pod(String sysctls) {
    return Json.decode(("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"d\"},\"spec\":{"
        + "\"securityContext\":{\"sysctls\":" + sysctls + "},\"containers\":[{\"name\":\"a\",\"image\":\"i\"}]}}")
        .getBytes(StandardCharsets.UTF_8), "application/json", Pod.class);
  }

  @Test
  void safeSysctlsAreAdmittedOthersRefusedInTheKubeletsWords() {
    assertThat(PodAdmission.check(pod("[{\"name\":\"net.ipv4.ip_local_port_range\",\"value\":\"1024 65535\"},"
        + "{\"name\":\"net/ipv4/tcp_syncookies\",\"value\":\"1\"}]"))).isNull();
    assertThat(PodAdmission.check(pod("[{\"name\":\"net.core.somaxconn\",\"value\":\"1024\"}]")))
        .isEqualTo(new PodAdmission.Rejection("SysctlForbidden",
            "Pod forbidden sysctl: \"net.core.somaxconn\" not allowlisted"));
  }
}
