package io.coxswain.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Namespace;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchEvaluatorTest {
  private static final ResourceKey NS = ResourceKey.clusterScoped("namespaces", "default");

  private static Pod pod(String name) {
    return Pod.of(ObjectMeta.named("default", name), PodSpec.of(List.of()));
  }

  private static ResourceKey key(String name) {
    return new ResourceKey("pods", "default", name);
  }

  private static StoreState withNamespace() {
    return StoreState.empty().apply(List.of(new Change(1, ChangeType.ADDED, NS, Namespace.of("default"))));
  }

  @Test
  void laterWritesInABatchSeeEarlierOnesAndRevisionsAreConsecutive() {
    BatchEvaluator.Result result = BatchEvaluator.evaluate(withNamespace(), List.of(
        new StoreOp.Create(key("a"), pod("a")),
        new StoreOp.Create(key("a"), pod("a")),
        new StoreOp.Update(key("a"), pod("a"), "2"),
        new StoreOp.Update(key("a"), pod("a"), "2"),
        new StoreOp.Delete(key("a"), "3", null)));
    assertThat(result.changes()).extracting(Change::revision).containsExactly(2L, 3L, 4L);
    assertThat(result.changes()).extracting(Change::type)
        .containsExactly(ChangeType.ADDED, ChangeType.MODIFIED, ChangeType.DELETED);
    assertThat(result.outcomes().get(1).error().reason()).isEqualTo("AlreadyExists");
    assertThat(result.outcomes().get(3).error().reason()).isEqualTo("Conflict");
    assertThat(result.changes().get(1).object().metadata().resourceVersion()).isEqualTo("3");
  }

  @Test
  void createNeedsTheNamespaceAndUpdateNeedsTheObject() {
    BatchEvaluator.Result result = BatchEvaluator.evaluate(StoreState.empty(), List.of(
        new StoreOp.Create(key("a"), pod("a")),
        new StoreOp.Update(key("b"), pod("b"), null)));
    assertThat(result.changes()).isEmpty();
    assertThat(result.outcomes()).extracting(o -> o.error().code()).containsExactly(404, 404);
  }

  private static io.coxswain.api.core.Service service(String name, String clusterIp, Integer nodePort) {
    String json = "{\"kind\":\"Service\",\"apiVersion\":\"v1\",\"metadata\":{\"namespace\":\"default\",\"name\":\""
        + name + "\"},\"spec\":{\"type\":\"NodePort\",\"clusterIP\":\"" + clusterIp + "\",\"clusterIPs\":[\""
        + clusterIp + "\"],\"ports\":[{\"port\":80" + (nodePort == null ? "" : ",\"nodePort\":" + nodePort) + "}]}}";
    return io.coxswain.api.Json.decode(json.getBytes(), "application/json", io.coxswain.api.core.Service.class);
  }

  private static ResourceKey svc(String name) {
    return new ResourceKey("services", "default", name);
  }

  @Test
  void aClusterIpOrNodePortHeldByAnotherServiceIsRefusedInTheSameBatchAndAfter() {
    BatchEvaluator.Result result = BatchEvaluator.evaluate(withNamespace(), List.of(
        new StoreOp.Create(svc("a"), service("a", "10.96.0.5", 30080)),
        new StoreOp.Create(svc("b"), service("b", "10.96.0.5", 30081)),
        new StoreOp.Create(svc("c"), service("c", "10.96.0.6", 30080)),
        new StoreOp.Create(svc("d"), service("d", "10.96.0.7", 30082))));
    assertThat(result.outcomes().get(0).error()).isNull();
    assertThat(result.outcomes().get(1).error().code()).isEqualTo(422);
    assertThat(result.outcomes().get(1).error().details().causes()).singleElement().satisfies(c -> {
      assertThat(c.field()).isEqualTo("spec.clusterIPs");
      assertThat(c.message()).contains("provided IP is already allocated");
    });
    assertThat(result.outcomes().get(2).error().details().causes()).singleElement()
        .satisfies(c -> assertThat(c.field()).isEqualTo("spec.ports[0].nodePort"));
    assertThat(result.outcomes().get(3).error()).isNull();

    StoreState state = withNamespace().apply(result.changes());
    assertThat(state.claimHolder("clusterIP/10.96.0.5")).isEqualTo(svc("a"));
    // An update may keep what it holds, and may not take what another holds.
    BatchEvaluator.Result updates = BatchEvaluator.evaluate(state, List.of(
        new StoreOp.Update(svc("a"), service("a", "10.96.0.5", 30080), null),
        new StoreOp.Update(svc("d"), service("d", "10.96.0.7", 30080), null),
        new StoreOp.Delete(svc("a"), null, null),
        new StoreOp.Update(svc("d"), service("d", "10.96.0.7", 30080), null)));
    assertThat(updates.outcomes()).extracting(o -> o.error() == null ? 0 : o.error().code())
        .containsExactly(0, 422, 0, 0);
    StoreState after = state.apply(updates.changes());
    assertThat(after.claimHolder("clusterIP/10.96.0.5")).isNull();
    assertThat(after.claimHolder("nodePort/30080")).isEqualTo(svc("d"));
    assertThat(after.claimHolder("nodePort/30082")).isNull();
    // Rebuilt from the objects alone (a snapshot), the index is the same.
    StoreState rebuilt = StoreState.of(after.revision(), after.objects(), StoreSerializer::keyOf);
    assertThat(rebuilt.claimHolder("nodePort/30080")).isEqualTo(svc("d"));
    assertThat(rebuilt.claimHolder("clusterIP/10.96.0.7")).isEqualTo(svc("d"));
  }
}
