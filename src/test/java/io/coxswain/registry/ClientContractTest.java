package io.coxswain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.api.ApiException;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSpec;
import io.coxswain.api.core.PodStatus;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.testing.TestNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The typed client's contract, the same for the in-process client a member's controllers use and
 * for the HTTP client tools and tests use: both reach the one registry, so defaults, validation,
 * the status subresource, conflicts and deletion rules are the same whichever way a write comes.
 */
@Tag("integration")
class ClientContractTest {
  private static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of("coxswain.scheduler.enabled", false, "coxswain.controllers.enabled", false));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Stream<Arguments> clients() {
    return Stream.of(Arguments.of("local", node.node().client()),
        Arguments.of("rest", new RestClient(node.url(), Duration.ofSeconds(10))));
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw StoreClient.unwrap(e);
    }
  }

  private static Pod pod(String name) {
    return Pod.of(ObjectMeta.named("default", name), PodSpec.of(List.of(Container.of("c", "busybox:1"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void writesGoThroughTheKindsRules(String which, Client client) throws Exception {
    String name = "contract-" + which;
    ResourceKey key = new ResourceKey("pods", "default", name);
    Pod created = await(client.create(pod(name)));
    assertThat(created.metadata().uid()).as("defaults applied").isNotEmpty();
    assertThat(created.statusOrEmpty().phase()).isEqualTo("Pending");
    assertThat(created.spec().containers().get(0).imagePullPolicy()).isEqualTo("IfNotPresent");

    Pod relabelled = await(client.update(key, Pod.class, p -> p.withMetadata(p.metadata().withLabels(Map.of("a", "b")))
        .withStatus(PodStatus.phase("Running"))));
    assertThat(relabelled.metadata().labels()).containsEntry("a", "b");
    assertThat(relabelled.statusOrEmpty().phase()).as("the main resource keeps status").isEqualTo("Pending");

    Pod running = await(client.updateStatus(key, Pod.class, p -> p.withStatus(PodStatus.phase("Running"))));
    assertThat(running.statusOrEmpty().phase()).isEqualTo("Running");

    // A pod's containers cannot be renamed: 422, as Kubernetes answers.
    assertThatThrownBy(() -> await(client.update(key, Pod.class,
        p -> p.withSpec(p.spec().withContainers(List.of(Container.of("d", "busybox:1")))))))
        .isInstanceOf(ApiException.class).satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(422));

    await(client.bind(key, created.metadata().uid(), "somewhere"));
    assertThatThrownBy(() -> await(client.bind(key, created.metadata().uid(), "elsewhere")))
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(409));

    Pod marked = (Pod) await(client.delete(key, new Deletion.Options(null, null, null, null)));
    assertThat(marked.metadata().deletionTimestamp()).as("a pod on a node is deleted gracefully").isNotNull();
    assertThat(await(client.get(key, Pod.class))).isPresent();
    await(client.finishDeletion(key, created.metadata().uid()));
    assertThat(await(client.get(key, Pod.class))).isEmpty();
    assertThatThrownBy(() -> await(client.delete(key, Deletion.Options.DEFAULT)))
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(404));
  }

  @Test
  void anInvalidCreateChangesNothing() {
    Pod invalid = Pod.of(ObjectMeta.named("default", "Not_A_Name"), PodSpec.of(List.of()));
    assertThatThrownBy(() -> await(node.node().client().create(invalid)))
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(422));
    assertThat(node.node().store().cache().view().get(new ResourceKey("pods", "default", "Not_A_Name"))).isNull();
  }
}
