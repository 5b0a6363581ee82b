package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.coxswain.cluster.NodeSettings;
import io.coxswain.testing.TestNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 client's long-running and cascading verbs against a whole Coxswain node (scheduler,
 * controllers, garbage collector and the simulated runtime): watches resumed from a
 * resourceVersion, with bookmarks, and told 410 Gone once the version left the watch window; lists
 * by field selector and in pages; a followed log; deletion with each propagation policy.
 */
@Tag("integration")
class Fabric8StreamsAndCascadesTest {
  private static final int WATCH_WINDOW = 200;
  private static TestNode node;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    node = TestNode.start(Map.of("coxswain.store.watch-window", WATCH_WINDOW,
        "coxswain.store.bookmark-interval", "300ms", "coxswain.node.pod-sync-period", "100ms"));
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(node.url())
        .withNamespace("default").withRequestTimeout(20_000).build()).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    node.close();
  }

  private static ConfigMap configMap(String name, String set) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).addToLabels("set", set).endMetadata()
        .addToData("v", "0").build();
  }

  @Test
  void aWatchResumesFromItsVersionGetsBookmarksAndIsToldGoneOnceTheVersionIsOld() throws Exception {
    String from = client.configMaps().resource(configMap("resumed", "watch")).create().getMetadata()
        .getResourceVersion();
    List<String> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<String> bookmark = new CompletableFuture<>();
    try (Watch watch = client.configMaps().withLabel("set", "watch").watch(new ListOptionsBuilder()
        .withResourceVersion(from).withAllowWatchBookmarks(true).build(), new Watcher<>() {
          @Override
          public void eventReceived(Action action, ConfigMap cm) {
            if (action == Action.BOOKMARK) {
              bookmark.complete(cm.getMetadata().getResourceVersion());
            } else {
              seen.add(action + " " + cm.getMetadata().getName() + " " + cm.getData().get("v"));
            }
          }

          @Override
          public void onClose(WatcherException cause) {
            // closed by the test
          }
        })) {
      client.configMaps().withName("resumed").edit(cm -> new ConfigMapBuilder(cm).addToData("v", "1").build());
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 1);
      assertThat(seen).as("from the created version on: the update only, not the creation")
          .containsExactly("MODIFIED resumed 1");
      assertThat(Long.parseLong(bookmark.get(10, TimeUnit.SECONDS))).isGreaterThanOrEqualTo(Long.parseLong(from));
    }

    for (int i = 0; i < WATCH_WINDOW + 20; i++) {
      String v = Integer.toString(i);
      client.configMaps().withName("resumed").edit(cm -> new ConfigMapBuilder(cm).addToData("v", v).build());
    }
    CompletableFuture<WatcherException> closed = new CompletableFuture<>();
    try (Watch watch = client.configMaps().withLabel("set", "watch").watch(new ListOptionsBuilder()
        .withResourceVersion(from).build(), new Watcher<>() {
          @Override
          public void eventReceived(Action action, ConfigMap cm) {
            closed.completeExceptionally(new AssertionError("an event from an expired version: " + action));
          }

          @Override
          public void onClose(WatcherException cause) {
            closed.complete(cause);
          }
        })) {
      WatcherException gone = closed.get(10, TimeUnit.SECONDS);
      assertThat(gone.isHttpGone()).as(gone.getMessage()).isTrue();
    }
  }

  @Test
  void listsByFieldSelectorAndInPages() {
    for (int i = 0; i < 5; i++) {
      client.configMaps().resource(configMap("paged-" + i, "paged")).create();
    }
    assertThat(client.configMaps().withField("metadata.name", "paged-3").list().getItems())
        .extracting(cm -> cm.getMetadata().getName()).containsExactly("paged-3");
    List<String> names = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      var page = client.configMaps().withLabel("set", "paged")
          .list(new ListOptionsBuilder().withLimit(2L).withContinue(next).build());
      page.getItems().forEach(cm -> names.add(cm.getMetadata().getName()));
      next = page.getMetadata().getContinue();
      pages++;
      // Kubernetes counts the remaining items only for an unfiltered list; this one has a selector.
      assertThat(page.getMetadata().getRemainingItemCount()).isNull();
    } while (next != null && !next.isEmpty() && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(names).containsExactly("paged-0", "paged-1", "paged-2", "paged-3", "paged-4");
  }

  @Test
  void followsAContainerLog() throws Exception {
    Pod pod = new PodBuilder().withNewMetadata().withName("talker")
        .addToAnnotations("simulated.coxswain.io/log", "first line\nsecond line").endMetadata()
        .withNewSpec().withNodeName(NodeSettings.defaultNodeName()).addNewContainer().withName("c")
        .withImage("busybox:1.36").endContainer().endSpec().build();
    client.pods().resource(pod).create();
    await().atMost(Duration.ofSeconds(20)).until(() -> "Running".equals(
        client.pods().withName("talker").get().getStatus().getPhase()));
    try (LogWatch log = client.pods().withName("talker").inContainer("c").watchLog();
         BufferedReader lines = new BufferedReader(new InputStreamReader(log.getOutput(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("first line");
      assertThat(lines.readLine()).isEqualTo("second line");
    }
  }

  @Test
  void deletesWithEachPropagationPolicy() {
    for (String name : List.of("orphaning", "background", "foreground")) {
      client.replicationControllers().resource(new ReplicationControllerBuilder().withNewMetadata().withName(name)
          .endMetadata().withNewSpec().withReplicas(2).addToSelector("rc", name).withNewTemplate().withNewMetadata()
          .addToLabels("rc", name).endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox")
          .endContainer().endSpec().endTemplate().endSpec().build()).create();
      await().atMost(Duration.ofSeconds(20)).until(() -> client.pods().withLabel("rc", name).list().getItems()
          .size() == 2);
    }

    client.replicationControllers().withName("orphaning").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> client.replicationControllers().withName("orphaning").get()
        == null);
    await().atMost(Duration.ofSeconds(20)).until(() -> client.pods().withLabel("rc", "orphaning").list().getItems()
        .stream().allMatch(p -> p.getMetadata().getOwnerReferences().isEmpty()));
    assertThat(client.pods().withLabel("rc", "orphaning").list().getItems()).hasSize(2);

    client.replicationControllers().withName("background").withPropagationPolicy(DeletionPropagation.BACKGROUND)
        .delete();
    await().atMost(Duration.ofSeconds(20)).until(() -> client.replicationControllers().withName("background").get()
        == null && client.pods().withLabel("rc", "background").list().getItems().isEmpty());

    client.replicationControllers().withName("foreground").withPropagationPolicy(DeletionPropagation.FOREGROUND)
        .delete();
    var held = client.replicationControllers().withName("foreground").get();
    if (held != null) {
      // Kubernetes keeps the owner, marked, until its dependents are gone.
      assertThat(held.getMetadata().getFinalizers()).contains("foregroundDeletion");
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> client.replicationControllers().withName("foreground").get()
        == null);
    assertThat(client.pods().withLabel("rc", "foreground").list().getItems())
        .as("the owner goes only after its dependents").isEmpty();
  }
}
