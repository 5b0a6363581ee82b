package io.coxswain.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.OwnerReference;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSpec;
import io.coxswain.api.core.PodStatus;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.ReplicationControllerSpec;
import io.coxswain.api.core.Service;
import io.coxswain.api.core.ServiceSpec;
import io.coxswain.controller.kit.Informer;
import io.coxswain.store.CacheView;
import io.coxswain.store.Deletion;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.TestCaches;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What each controller's informers queue for a change (pure): the keys a change concerns and
 * nothing for changes that cannot matter — that is what keeps a settled cluster cheap.
 */
class InformerHandlersTest {

  private static Pod pod(String name, Map<String, String> labels, OwnerReference... owners) {
    ObjectMeta meta = ObjectMeta.named("default", name).withLabels(labels).withUid("uid-" + name);
    if (owners.length > 0) {
      meta = meta.withOwnerReferences(List.of(owners));
    }
    return Pod.of(meta, PodSpec.of(List.of()));
  }

  private static ReplicationController rc(String name, Map<String, String> selector) {
    return ReplicationController.of(ObjectMeta.named("default", name).withUid("uid-" + name),
        new ReplicationControllerSpec(1, null, selector, null));
  }

  private static OwnerReference controlledBy(String rc) {
    return new OwnerReference("v1", "ReplicationController", rc, "uid-" + rc, true, true);
  }

  @Test
  void aPodQueuesItsControllerAndAnOrphanEveryRcThatCouldAdoptIt() {
    CacheView view = TestCaches.view("replicationcontrollers",
        List.of(rc("web", Map.of("app", "web")), rc("db", Map.of("app", "db")), rc("all-web", Map.of("app", "web"))));
    List<String> keys = new ArrayList<>();
    Pod owned = pod("p", Map.of("app", "web"), controlledBy("web"));
    Pod released = pod("p", Map.of("app", "web"));
    var byOwner = Informer.forControllerOf("pods", Pod.class, "ReplicationController").handler();
    byOwner.changed(null, owned, view, keys::add);
    ReplicationManager.orphanChanged(null, owned, view, keys::add);
    assertThat(keys).containsExactly("default/web");

    keys.clear();
    byOwner.changed(owned, released, view, keys::add);
    ReplicationManager.orphanChanged(owned, released, view, keys::add);
    assertThat(keys).as("released: the old controller and every RC that may adopt it")
        .containsExactlyInAnyOrder("default/web", "default/all-web", "default/web");
  }

  @Test
  void endpointsQueueOnlyTheServicesSelectingThePodAndOnlyForChangesThatShowInEndpoints() {
    CacheView view = TestCaches.view("services", List.of(
        Service.of(ObjectMeta.named("default", "web"), ServiceSpec.of(Map.of("app", "web"), List.of())),
        Service.of(ObjectMeta.named("default", "db"), ServiceSpec.of(Map.of("app", "db"), List.of())),
        Service.of(ObjectMeta.named("default", "external"), ServiceSpec.of(Map.of(), List.of()))));
    List<String> keys = new ArrayList<>();
    Pod before = pod("p", Map.of("app", "web"));
    Pod relabelled = pod("p", Map.of("app", "db"));
    EndpointsController.podChanged(before, relabelled, view, keys::add);
    assertThat(keys).containsExactlyInAnyOrder("default/web", "default/db");

    keys.clear();
    Pod statusOnly = before.withStatus(PodStatus.builder().phase("Running").build());
    EndpointsController.podChanged(before, statusOnly, view, keys::add);
    assertThat(keys).as("a phase change without IP or readiness change").isEmpty();
  }

  @Test
  void theCollectorLooksAtDependentsOfWhatWentAndAtOwnersBeingDeleted() {
    ReplicationController owner = rc("web", Map.of("app", "web"));
    Pod dependent = pod("p", Map.of("app", "web"), controlledBy("web"));
    CacheView view = TestCaches.plus(TestCaches.view("replicationcontrollers", List.of(owner)), "pods",
        List.of(dependent));
    List<ResourceKey> keys = new ArrayList<>();
    GarbageCollector.changed(owner, null, view, keys::add);
    assertThat(keys).containsExactly(new ResourceKey("pods", "default", "p"));

    keys.clear();
    KubeObject orphaning = owner.withMetadata(owner.metadata().withDeletion("2026-01-01T00:00:00Z", 0L)
        .withFinalizers(List.of(Deletion.ORPHAN_FINALIZER)));
    GarbageCollector.changed(owner, orphaning, view, keys::add);
    assertThat(keys).containsExactly(new ResourceKey("replicationcontrollers", "default", "web"));

    keys.clear();
    GarbageCollector.changed(null, dependent, view, keys::add);
    assertThat(keys).as("created with its owner present: nothing to collect").isEmpty();
    Pod stray = pod("q", Map.of(), new OwnerReference("v1", "ReplicationController", "gone", "uid-gone", true, true));
    GarbageCollector.changed(null, stray, view, keys::add);
    assertThat(keys).containsExactly(new ResourceKey("pods", "default", "q"));

    keys.clear();
    GarbageCollector.changed(dependent, dependent.withStatus(PodStatus.builder().phase("Running").build()), view,
            keys::add);
    assertThat(keys).as("a status change is none of its business").isEmpty();
  }

  @Test
  void ownersAreGoneOnlyWhenTheKindIsServedAndTheUidDiffers() {
    ReplicationController owner = rc("web", Map.of());
    CacheView view = TestCaches.view("replicationcontrollers", List.of(owner));
    Pod live = pod("a", Map.of(), controlledBy("web"));
    Pod replaced = pod("b", Map.of(), new OwnerReference("v1", "ReplicationController", "web", "old-uid", true, true));
    Pod foreign = pod("c", Map.of(), new OwnerReference("example.com/v1", "Widget", "w", "w-uid", true, true));
    assertThat(GarbageCollector.ownerStates(view, live).absent()).isEmpty();
    assertThat(GarbageCollector.ownerStates(view, replaced).absent()).as("same name, another object").containsExactly(
        "old-uid");
    assertThat(GarbageCollector.ownerStates(view, foreign).absent()).isEmpty();
    assertThat(GarbageCollector.pending(TestCaches.plus(view, "pods", List.of(live, replaced, foreign))))
        .containsExactly(new ResourceKey("pods", "default", "b"));
  }
}
