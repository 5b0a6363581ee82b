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
}
