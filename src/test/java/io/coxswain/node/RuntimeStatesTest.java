package io.coxswain.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.node.runtime.OwnedObject;
import io.coxswain.node.runtime.PodRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeStatesTest {
  private static final PodRef A = new PodRef("n", "default", "a", "uid-a");
  private static final PodRef B = new PodRef("n", "default", "b", "uid-b");

  @Test
  void onlyPodsWhoseObjectsChangedAreWoken() {
    Map<String, Map<String, Boolean>> first = RuntimeStates.byPod(List.of(
        new OwnedObject("s1", A, null, 0, true, true), new OwnedObject("c1", A, "c", 0, false, true),
        new OwnedObject("s2", B, null, 0, true, true), new OwnedObject("c2", B, "c", 0, false, true)));
    Map<String, Map<String, Boolean>> same = RuntimeStates.byPod(List.of(
        new OwnedObject("c2", B, "c", 0, false, true), new OwnedObject("s2", B, null, 0, true, true),
        new OwnedObject("c1", A, "c", 0, false, true), new OwnedObject("s1", A, null, 0, true, true)));
    assertThat(RuntimeStates.changed(first, same)).as("order does not matter").isEmpty();

    Map<String, Map<String, Boolean>> aExited = RuntimeStates.byPod(List.of(
        new OwnedObject("s1", A, null, 0, true, true), new OwnedObject("c1", A, "c", 0, false, false),
        new OwnedObject("s2", B, null, 0, true, true), new OwnedObject("c2", B, "c", 0, false, true)));
    assertThat(RuntimeStates.changed(first, aExited)).containsExactly("uid-a");

    Map<String, Map<String, Boolean>> bGone = RuntimeStates.byPod(List.of(
        new OwnedObject("s1", A, null, 0, true, true), new OwnedObject("c1", A, "c", 0, false, true)));
    assertThat(RuntimeStates.changed(first, bGone)).containsExactly("uid-b");
    assertThat(RuntimeStates.changed(Map.of(), first)).containsExactlyInAnyOrder("uid-a", "uid-b");
  }
}
