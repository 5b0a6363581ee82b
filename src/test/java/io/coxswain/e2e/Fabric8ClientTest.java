package io.coxswain.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.coxswain.testing.TestNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fabric8 Kubernetes client, a real third-party client, against a real Coxswain API. */
@Tag("integration")
class Fabric8ClientTest {
  private static TestNode node;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    // The API alone: no scheduler binding pods between the client's own writes.
    node = TestNode.start(java.util.Map.of("coxswain.scheduler.enabled", false,
        "coxswain.controllers.enabled", false));
    Config config = new ConfigBuilder().withMasterUrl(node.url()).withNamespace("default")
        .withRequestTimeout(20_000).build();
    client = new KubernetesClientBuilder().withConfig(config).build();
  }

  @AfterAll
  static void stop() {
    client.close();
    node.close();
  }

  private static Pod pod(String name, String app) {
    return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", app).endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("busybox:1.36")
        .addNewPort().withContainerPort(80).endPort().endContainer().endSpec().build();
  }

  /**
   * Every served kind through fabric8's generic resources (found by discovery): create, get, list
   * by label, watch, merge, strategic and JSON patches, server-side apply, replace as
   * read-modify-write, a dry-run delete that deletes nothing, and a foreground delete.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "v1|ConfigMap|true|{\"data\":{\"k\":\"v\"}}",
      "v1|Secret|true|{\"type\":\"Opaque\",\"data\":{\"k\":\"dg==\"}}",
      "v1|ServiceAccount|true|{\"automountServiceAccountToken\":false}",
      "v1|Service|true|{\"spec\":{\"selector\":{\"app\":\"x\"},\"ports\":[{\"port\":80,\"targetPort\":8080}]}}",
      "v1|Endpoints|true|{\"subsets\":[{\"addresses\":[{\"ip\":\"10.244.1.9\"}],\"ports\":[{\"port\":80}]}]}",
      "v1|Event|true|{\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"x\",\"namespace\":\"default\"},\"reason\":\"Tested\"}",
      "coordination.k8s.io/v1|Lease|true|{\"spec\":{\"holderIdentity\":\"me\"}}",
      "v1|ReplicationController|true|{\"spec\":{\"replicas\":0,\"selector\":{\"app\":\"g\"},\"template\":{\"metadata\":"
          + "{\"labels\":{\"app\":\"g\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox:1\"}]}}}}",
      "v1|Pod|true|{\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox:1\"}]}}",
      "v1|Namespace|false|{}",
      "v1|Node|false|{\"spec\":{\"unschedulable\":true}}"})
  void everyServedKindThroughGenericResources(String apiVersion, String kind, boolean namespaced, String fields)
      throws Exception {
    String name = "generic-" + kind.toLowerCase(java.util.Locale.ROOT);
    com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode)
        io.coxswain.api.Json.json().readTree(fields);
    body.put("apiVersion", apiVersion).put("kind", kind);
    body.putObject("metadata").put("name", name).putObject("labels").put("suite", "generic");
    io.fabric8.kubernetes.api.model.GenericKubernetesResource resource = io.fabric8.kubernetes.client.utils.Serialization
        .unmarshal(body.toString(), io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
    var kindOps = client.genericKubernetesResources(apiVersion, kind);
    var ops = namespaced ? kindOps.inNamespace("default") : kindOps;
    var created = ops.resource(resource).create();
    assertThat(ops.withName(name).get().getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(ops.withLabel("suite", "generic").list().getItems()).extracting(r -> r.getMetadata().getName())
        .contains(name);

    java.util.concurrent.CompletableFuture<io.fabric8.kubernetes.client.Watcher.Action> seen =
        new java.util.concurrent.CompletableFuture<>();
    try (io.fabric8.kubernetes.client.Watch watch = ops.withName(name).watch(
        new io.fabric8.kubernetes.client.Watcher<io.fabric8.kubernetes.api.model.GenericKubernetesResource>() {
          @Override
          public void eventReceived(Action action, io.fabric8.kubernetes.api.model.GenericKubernetesResource r) {
            if (action == Action.MODIFIED) {
              seen.complete(action);
            }
          }

          @Override
          public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
            // ended with the test
          }
        })) {
      ops.withName(name).patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
          io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"merge\":\"yes\"}}}");
      assertThat(seen.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(
          io.fabric8.kubernetes.client.Watcher.Action.MODIFIED);
    }
    ops.withName(name).patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
        io.fabric8.kubernetes.client.dsl.base.PatchType.STRATEGIC_MERGE),
        "{\"metadata\":{\"labels\":{\"strategic\":\"yes\"}}}");
    ops.withName(name).patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
        io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
        "[{\"op\":\"add\",\"path\":\"/metadata/labels/json\",\"value\":\"yes\"}]");
    io.fabric8.kubernetes.api.model.GenericKubernetesResource applied = io.fabric8.kubernetes.client.utils.Serialization
        .unmarshal("{\"apiVersion\":\"" + apiVersion + "\",\"kind\":\"" + kind + "\",\"metadata\":{\"name\":\"" + name
            + "\",\"annotations\":{\"applied\":\"yes\"}}}", io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
    ops.resource(applied).fieldManager("fabric8-suite").serverSideApply();
    var current = ops.withName(name).get();
    assertThat(current.getMetadata().getLabels()).containsEntry("merge", "yes").containsEntry("strategic", "yes")
        .containsEntry("json", "yes");
    assertThat(current.getMetadata().getAnnotations()).containsEntry("applied", "yes");
    current.getMetadata().getLabels().put("replaced", "yes");
    assertThat(ops.resource(current).update().getMetadata().getLabels()).containsEntry("replaced", "yes");
    ops.withName(name).dryRun().delete();
    assertThat(ops.withName(name).get().getMetadata().getDeletionTimestamp()).isNull();
    ops.withName(name).withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.FOREGROUND)
        .withGracePeriod(0).delete();
  }

  @Test
  void createsListsUpdatesAndDeletesPods() {
    Pod created = client.pods().resource(pod("f8-one", "f8")).create();
    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
    assertThat(created.getSpec().getRestartPolicy()).isEqualTo("Always");
    assertThat(created.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(created.getStatus().getPhase()).isEqualTo("Pending");

    client.pods().resource(pod("f8-two", "f8")).create();
    client.pods().resource(pod("f8-other", "other")).create();
    List<Pod> labelled = client.pods().withLabel("app", "f8").list().getItems();
    assertThat(labelled).extracting(p -> p.getMetadata().getName()).containsExactly("f8-one", "f8-two");

    Pod fresh = client.pods().withName("f8-one").get();
    fresh.getMetadata().getLabels().put("tier", "front");
    Pod updated = client.pods().resource(fresh).update();
    assertThat(updated.getMetadata().getLabels()).containsEntry("tier", "front");
    assertThat(Long.parseLong(updated.getMetadata().getResourceVersion()))
        .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));

    // The stale copy still carries the first resourceVersion: the server must refuse it.
    created.getMetadata().getLabels().put("tier", "back");
    assertThatThrownBy(() -> client.pods().resource(created).update())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(client.pods().withName("f8-one").get().getMetadata().getLabels()).containsEntry("tier", "front");

    client.pods().withName("f8-two").delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> client.pods().withName("f8-two").get() == null);
    assertThatThrownBy(() -> client.pods().resource(pod("f8-one", "f8")).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  @Test
  void watchesDeliverEveryChangeInOrder() {
    List<String> seen = new CopyOnWriteArrayList<>();
    Watch watch = client.pods().withLabel("app", "watched").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        seen.add(action + " " + pod.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {}
    });
    try {
      client.pods().resource(pod("w-1", "watched")).create();
      client.pods().resource(pod("w-2", "watched")).create();
      client.pods().withName("w-1").edit(p -> {
        p.getMetadata().getLabels().put("step", "2");
        return p;
      });
      client.pods().withName("w-1").delete();
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 4);
      assertThat(seen).containsExactly("ADDED w-1", "ADDED w-2", "MODIFIED w-1", "DELETED w-1");
    } finally {
      watch.close();
    }
  }

  @Test
  void scalesAReplicationControllerThroughTheScaleSubresource() {
    ReplicationController rc = new ReplicationControllerBuilder().withNewMetadata().withName("f8-rc").endMetadata()
        .withNewSpec().withReplicas(2).addToSelector("app", "rc").withNewTemplate().withNewMetadata()
        .addToLabels("app", "rc").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox")
        .endContainer().endSpec().endTemplate().endSpec().build();
    client.replicationControllers().resource(rc).create();
    client.replicationControllers().withName("f8-rc").scale(5);
    assertThat(client.replicationControllers().withName("f8-rc").get().getSpec().getReplicas()).isEqualTo(5);
  }

  @Test
  void anInformerSeesEveryChangeOfConfigMapsAndSecretsLeasesAndApplyWork() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    var informer = client.configMaps().inNamespace("default").withLabel("set", "informed").inform(
        new io.fabric8.kubernetes.client.informers.ResourceEventHandler<io.fabric8.kubernetes.api.model.ConfigMap>() {
          @Override
          public void onAdd(io.fabric8.kubernetes.api.model.ConfigMap cm) {
            seen.add("add " + cm.getMetadata().getName());
          }

          @Override
          public void onUpdate(io.fabric8.kubernetes.api.model.ConfigMap before,
              io.fabric8.kubernetes.api.model.ConfigMap after) {
            if (!before.getMetadata().getResourceVersion().equals(after.getMetadata().getResourceVersion())) {
              seen.add("update " + after.getMetadata().getName() + " " + after.getData().get("v"));
            }
          }

          @Override
          public void onDelete(io.fabric8.kubernetes.api.model.ConfigMap cm, boolean unknown) {
            seen.add("delete " + cm.getMetadata().getName());
          }
        });
    try {
      for (int i = 0; i < 3; i++) {
        client.configMaps().resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
            .withName("inf-" + i).addToLabels("set", "informed").endMetadata().addToData("v", "1").build()).create();
      }
      client.configMaps().withName("inf-1").edit(cm -> {
        cm.getData().put("v", "2");
        return cm;
      });
      client.configMaps().withName("inf-2").delete();
      await().atMost(Duration.ofSeconds(20)).until(() -> seen.containsAll(List.of("add inf-0", "add inf-1",
          "add inf-2", "update inf-1 2", "delete inf-2")));
      assertThat(informer.getStore().list()).extracting(cm -> cm.getMetadata().getName())
          .containsExactlyInAnyOrder("inf-0", "inf-1");
    } finally {
      informer.close();
    }

    var secret = client.secrets().resource(new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
        .withName("f8-secret").endMetadata().addToStringData("password", "s3cr3t").build()).create();
    assertThat(secret.getData()).containsEntry("password", "czNjcjN0");
    assertThat(secret.getStringData()).as("stringData is never stored").isNullOrEmpty();

    var lease = client.leases().resource(new io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder()
        .withNewMetadata().withName("f8-lock").endMetadata().withNewSpec().withHolderIdentity("f8")
        .withLeaseDurationSeconds(15).endSpec().build()).create();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("f8");

    var applied = client.configMaps().resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("f8-applied").endMetadata().addToData("k", "a").build())
        .fieldManager("fabric8").forceConflicts().serverSideApply();
    assertThat(applied.getMetadata().getManagedFields()).extracting(e -> e.getManager() + "/" + e.getOperation())
        .containsExactly("fabric8/Apply");
  }
}
