package io.coxswain.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.OwnerReference;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pods follow their controller through adoption, release and deletion; each group marks its last change. */
class ControllerIndexTest {

  private static Pod pod(String namespace, String name, String controllerUid) {
    ObjectMeta meta = ObjectMeta.named(namespace, name);
    if (controllerUid != null) {
      meta = meta.withOwnerReferences(List.of(new OwnerReference("v1", "ReplicationController", "rc", controllerUid,
          true, true), new OwnerReference("v1", "Other", "x", "not-a-controller", false, false)));
    }
    return Pod.of(meta, PodSpec.of(List.of()));
  }

  private static Change change(long revision, ChangeType type, Pod pod) {
    return new Change(revision, type, new ResourceKey("pods", pod.metadata().namespace(), pod.metadata().name()), pod);
  }

  private static List<String> names(ControllerIndex.Group group) {
    return group.items().stream().map(KubeObject::metadata).map(ObjectMeta::name).toList();
  }

  @Test
  void podsMoveBetweenGroupsAsTheirControllerChanges() {
    CacheView view = CacheView.empty().apply(List.of(
        change(1, ChangeType.ADDED, pod("a", "p1", "rc-1")),
        change(2, ChangeType.ADDED, pod("a", "p2", "rc-1")),
        change(3, ChangeType.ADDED, pod("a", "p3", null)),
        change(4, ChangeType.ADDED, pod("b", "p1", "rc-1"))));
    assertThat(names(view.controlledPods("a", "rc-1"))).containsExactly("p1", "p2");
    assertThat(view.controlledPods("a", "rc-1").changedAt()).isEqualTo(2);
    assertThat(names(view.controlledPods("a", null))).containsExactly("p3");
    assertThat(names(view.controlledPods("b", "rc-1"))).as("groups are per namespace").containsExactly("p1");
    assertThat(view.podControllers()).containsExactlyInAnyOrder(new ControllerIndex.Owner("a", "rc-1"),
        new ControllerIndex.Owner("b", "rc-1"));

    // Adopt p3, release p1, update p2 in place, delete b/p1.
    view = view.apply(List.of(
        change(5, ChangeType.MODIFIED, pod("a", "p3", "rc-1")),
        change(6, ChangeType.MODIFIED, pod("a", "p1", null)),
        change(7, ChangeType.MODIFIED, pod("a", "p2", "rc-1")),
        change(8, ChangeType.DELETED, pod("b", "p1", "rc-1"))));
    assertThat(names(view.controlledPods("a", "rc-1"))).containsExactly("p2", "p3");
    assertThat(view.controlledPods("a", "rc-1").changedAt()).isEqualTo(7);
    assertThat(names(view.controlledPods("a", null))).containsExactly("p1");
    assertThat(view.controlledPods("a", null).changedAt()).isEqualTo(6);
    assertThat(view.controlledPods("b", "rc-1").size()).isZero();
    assertThat(view.podControllers()).containsExactly(new ControllerIndex.Owner("a", "rc-1"));
  }

  @Test
  void otherResourcesAreNotIndexed() {
    Pod pod = pod("a", "p1", "rc-1");
    CacheView view = CacheView.empty().apply(List.of(
        new Change(1, ChangeType.ADDED, new ResourceKey("events", "a", "p1"), pod)));
    assertThat(view.podControllers()).isEmpty();
  }
}
