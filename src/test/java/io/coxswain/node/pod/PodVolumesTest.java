package io.coxswain.node.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Volume;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PodVolumesTest {
  private static Pod pod(String volumes) {
    return Json.decode(("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"d\"},\"spec\":{\"volumes\":"
        + volumes + ",\"containers\":[{\"name\":\"a\",\"image\":\"i\"}]}}").getBytes(StandardCharsets.UTF_8),
        "application/json", Pod.class);
  }

  @Test
  void theSourceNamesFollowTheRecordsComponents() {
    assertThat(Volume.SOURCE_NAMES).containsExactlyElementsOf(Arrays.stream(Volume.class.getRecordComponents())
        .map(java.lang.reflect.RecordComponent::getName).filter(n -> !n.equals("name")).toList());
  }

  @Test
  void whatANodeCanSetUpAndWhatItNamesWhenItCannot() {
    assertThat(PodVolumes.unsupported(pod("""
        [{"name":"a","emptyDir":{"medium":"Memory"}},{"name":"b","hostPath":{"path":"/tmp"}},
         {"name":"c","configMap":{"name":"x"}},{"name":"d","secret":{"secretName":"x"}},
         {"name":"e","downwardAPI":{"items":[]}},{"name":"f","projected":{"sources":[]}}]
        """))).isNull();
    assertThat(PodVolumes.unsupported(pod("""
        [{"name":"a","emptyDir":{}},{"name":"share","nfs":{"server":"10.0.0.1","path":"/exports"}}]
        """))).isEqualTo("MountVolume.SetUp failed for volume \"share\" : volume type nfs is not supported on this "
        + "node (no volume plugin matched)");
    assertThat(PodVolumes.unsupported(pod("[{\"name\":\"claim\",\"persistentVolumeClaim\":{\"claimName\":\"x\"}}]")))
        .contains("volume type persistentVolumeClaim");
  }
}
