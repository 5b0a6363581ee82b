package io.coxswain.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;
import io.coxswain.api.core.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshots and journal events read back what was written (a snapshot holds many objects in one stream). */
class StoreSerializerTest {
  private static KubeObject configMap(String name, String rv) {
    return Json.decode(("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"default\",\"resourceVersion\":\"" + rv + "\",\"managedFields\":[{\"manager\":\"m\","
        + "\"operation\":\"Update\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{\"f:data\":{\"f:k\":{}}}}]},"
        + "\"data\":{\"k\":\"" + name + "\"}}").getBytes(StandardCharsets.UTF_8), "application/json", ConfigMap.class);
  }

  @Test
  void aSnapshotOfManyObjectsReadsBack() {
    StoreSerializer serializer = new StoreSerializer();
    List<KubeObject> objects = List.of(configMap("a", "1"), configMap("b", "2"), configMap("c", "3"));
    StoreState state = StoreState.of(3, objects, StoreSerializer::keyOf);
    byte[] bytes = serializer.toBinary(state);
    StoreState read = (StoreState) serializer.fromBinary(bytes, serializer.manifest(state));
    assertThat(read.revision()).isEqualTo(3);
    assertThat(read.objects()).extracting(o -> o.metadata().name()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(Json.toTree(read.objects().get(0))).isEqualTo(Json.toTree(objects.stream()
        .filter(o -> o.metadata().name().equals(read.objects().get(0).metadata().name())).findFirst().orElseThrow()));
  }
}
