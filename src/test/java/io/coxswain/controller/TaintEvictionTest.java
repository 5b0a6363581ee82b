package io.coxswain.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Taint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NoExecute taints against a pod's tolerations, with Kubernetes' outcomes. */
class TaintEvictionTest {
  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
  private static final Taint DB = new Taint("dedicated", "db", "NoExecute", "2026-11-30T09:59:50Z");

  private static Pod pod(String tolerations) {
    return Json.decode(("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"d\"},\"spec\":{"
        + "\"containers\":[{\"name\":\"c\",\"image\":\"x\"}],\"tolerations\":" + tolerations + "}}")
        .getBytes(StandardCharsets.UTF_8), "application/json", Pod.class);
  }

  @Test
  void untoleratedNoExecuteEvictsAtOnce() {
    assertThat(TaintEviction.due(pod("[]"), List.of(DB), NOW, t -> NOW)).isEqualTo(NOW);
    assertThat(TaintEviction.due(pod("[{\"key\":\"dedicated\",\"value\":\"web\",\"effect\":\"NoExecute\"}]"),
        List.of(DB), NOW, t -> NOW)).as("the value must match under Equal").isEqualTo(NOW);
  }

  @Test
  void otherEffectsNeverEvict() {
    assertThat(TaintEviction.due(pod("[]"), List.of(new Taint("k", "v", "NoSchedule", null),
        new Taint("k", "v", "PreferNoSchedule", null)), NOW, t -> NOW)).isNull();
  }

  @Test
  void toleratedForEverOrForTolerationSecondsFromTheTaintsTime() {
    assertThat(TaintEviction.due(pod("[{\"key\":\"dedicated\",\"operator\":\"Exists\"}]"), List.of(DB), NOW, t -> NOW))
        .isNull();
    assertThat(TaintEviction.due(pod("[{\"key\":\"dedicated\",\"operator\":\"Exists\",\"tolerationSeconds\":30},"
        + "{\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":60}]"), List.of(DB), NOW, t -> NOW))
        .as("the smallest of the tolerations used, from timeAdded").isEqualTo(Instant.parse("2026-11-30T10:00:20Z"));
    assertThat(TaintEviction.due(pod("[{\"operator\":\"Exists\",\"tolerationSeconds\":0}]"), List.of(DB), NOW, t -> NOW))
        .isEqualTo(NOW);
    Taint noTime = new Taint("dedicated", "db", "NoExecute", null);
    assertThat(TaintEviction.due(pod("[{\"operator\":\"Exists\",\"tolerationSeconds\":5}]"), List.of(noTime), NOW,
        t -> NOW.minusSeconds(2))).as("counted from when it was first seen").isEqualTo(NOW.plusSeconds(3));
  }
}
