package io.coxswain.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.api.Json;
import io.coxswain.api.Quantity;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Volume;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Volume files as a kubelet's plugins write them, swapped atomically on change. */
class ConfigVolumesTest {
  @TempDir
  Path dir;

  private static Volume volume(String json) {
    return Json.decode(json.getBytes(StandardCharsets.UTF_8), "application/json", Volume.class);
  }

  private static Map<String, String> texts(Map<String, ConfigVolumes.File> files) {
    Map<String, String> out = new LinkedHashMap<>();
    files.forEach((k, v) -> out.put(k + ":" + Integer.toOctalString(v.mode()), new String(v.content())));
    return out;
  }

  private static Map<String, ConfigVolumes.File> files(String volumeJson) {
    Pod pod = EnvResolverTest.pod("\"env\":[]");
    return ConfigVolumes.files(pod, volume(volumeJson), EnvResolverTest.ADDRESSES,
        Map.of("cpu", Quantity.parse("4")), EnvResolverTest.LOOKUP);
  }

  @Test
  void everyKindOfConfigVolume() {
    assertThat(texts(files("{\"name\":\"v\",\"configMap\":{\"name\":\"settings\"}}")))
        .containsEntry("MODE:644", "fast").containsEntry("blob:644", "hi").hasSize(4);
    assertThat(texts(files("{\"name\":\"v\",\"secret\":{\"secretName\":\"db\",\"defaultMode\":256,"
        + "\"items\":[{\"key\":\"password\",\"path\":\"conf/pw\",\"mode\":384}]}}")))
        .containsExactly(Map.entry("conf/pw:600", "s3cr3t"));
    assertThat(texts(files("{\"name\":\"v\",\"downwardAPI\":{\"items\":[{\"path\":\"labels\",\"fieldRef\":"
        + "{\"fieldPath\":\"metadata.labels\"}},{\"path\":\"mem\",\"resourceFieldRef\":{\"containerName\":\"c\","
        + "\"resource\":\"limits.memory\",\"divisor\":\"1Mi\"}}]}}")))
        .containsExactly(Map.entry("labels:644", "app=\"web\""), Map.entry("mem:644", "128"));
    assertThat(texts(files("{\"name\":\"v\",\"projected\":{\"defaultMode\":288,\"sources\":[{\"configMap\":"
        + "{\"name\":\"settings\",\"items\":[{\"key\":\"LEVEL\",\"path\":\"level\"}]}},{\"secret\":{\"name\":\"db\"}},"
        + "{\"downwardAPI\":{\"items\":[{\"path\":\"name\",\"fieldRef\":{\"fieldPath\":\"metadata.name\"}}]}}]}}")))
        .containsExactly(Map.entry("level:440", "3"), Map.entry("password:440", "s3cr3t"),
            Map.entry("name:440", "web-1"));
    assertThatThrownBy(() -> files("{\"name\":\"v\",\"configMap\":{\"name\":\"absent\"}}"))
        .hasMessage("configmap \"absent\" not found");
    assertThatThrownBy(() -> files("{\"name\":\"v\",\"configMap\":{\"name\":\"settings\",\"items\":"
        + "[{\"key\":\"NOPE\",\"path\":\"x\"}]}}")).hasMessage("configmap references non-existent config key: NOPE");
    assertThat(files("{\"name\":\"v\",\"secret\":{\"secretName\":\"absent\",\"optional\":true}}")).isEmpty();
  }

  @Test
  void theWriterSwapsVersionsAtomicallyAndRemovesWhatWent() throws Exception {
    Path volume = dir.resolve("v");
    Map<String, ConfigVolumes.File> first = Map.of("a", new ConfigVolumes.File("1".getBytes(), 0644),
        "sub/b", new ConfigVolumes.File("2".getBytes(), 0600));
    assertThat(AtomicWriter.write(volume, first)).isTrue();
    assertThat(Files.readString(volume.resolve("a"))).isEqualTo("1");
    assertThat(Files.readString(volume.resolve("sub/b"))).isEqualTo("2");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(volume.resolve("sub/b").toRealPath())))
        .isEqualTo("rw-------");
    assertThat(Files.isSymbolicLink(volume.resolve("..data"))).isTrue();
    assertThat(AtomicWriter.write(volume, first)).as("unchanged: nothing written").isFalse();
    Path before = volume.resolve("..data").toRealPath();
    assertThat(AtomicWriter.write(volume, Map.of("a", new ConfigVolumes.File("3".getBytes(), 0644)))).isTrue();
    assertThat(Files.readString(volume.resolve("a"))).isEqualTo("3");
    assertThat(Files.exists(volume.resolve("sub"))).as("a key that went is gone").isFalse();
    assertThat(Files.exists(before)).as("the old version is removed").isFalse();
    AtomicWriter.deleteTree(volume);
    assertThat(Files.exists(volume)).isFalse();
  }
}
