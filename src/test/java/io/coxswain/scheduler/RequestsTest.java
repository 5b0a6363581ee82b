package io.coxswain.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.core.Pod;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A pod's effective requests as Kubernetes computes them (init containers, sidecars, pod-level resources). */
class RequestsTest {
  private static Pod pod(String spec) {
    return Json.decode(("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"d\"},\"spec\":" + spec + "}")
        .getBytes(StandardCharsets.UTF_8), "application/json", Pod.class);
  }

  private static String c(String name, String cpu, String memory, String extra) {
    return "{\"name\":\"" + name + "\",\"image\":\"i\"" + extra + ",\"resources\":{\"requests\":{\"cpu\":\"" + cpu
        + "\",\"memory\":\"" + memory + "\"}}}";
  }

  @Test
  void appContainersAreSummed() {
    assertThat(Requests.of(pod("{\"containers\":[" + c("a", "100m", "64Mi", "") + "," + c("b", "200m", "64Mi", "")
        + "]}"))).isEqualTo(new Requests(300, 128L << 20));
  }

  @Test
  void aBigInitContainerSetsThePeakAndSidecarsAddToEverythingAfterThem() {
    // init "big" alone needs 1 cpu; sidecar 100m runs beside "after" (300m) and the app (200m).
    Pod pod = pod("{\"initContainers\":[" + c("big", "1", "32Mi", "") + "," + c("side", "100m", "16Mi",
        ",\"restartPolicy\":\"Always\"") + "," + c("after", "300m", "256Mi", "") + "],\"containers\":["
        + c("app", "200m", "64Mi", "") + "]}");
    // cpu: max(1000, 100 + 300, 100 + 200) = 1000; memory: max(32, 16 + 256, 16 + 64) = 272 Mi
    assertThat(Requests.of(pod)).isEqualTo(new Requests(1000, 272L << 20));
  }

  @Test
  void podLevelRequestsTakeThePlaceOfTheContainers() {
    Pod pod = pod("{\"resources\":{\"requests\":{\"cpu\":\"2\"}},\"containers\":[" + c("a", "100m", "64Mi", "")
        + "]}");
    assertThat(Requests.of(pod)).isEqualTo(new Requests(2000, 64L << 20));
  }
}
