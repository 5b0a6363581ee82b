package io.coxswain.api.validation;

import static io.coxswain.api.validation.Fixtures.assertCauses;
import static io.coxswain.api.validation.Fixtures.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodCondition;
import io.coxswain.api.core.PodSchedulingGate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code spec.schedulingGates} as Kubernetes validates it: qualified, unique names; no nodeName on
 * a gated pod's create; only deletions on update (and, while gated, nodeSelector additions); and
 * the SchedulingGated condition a gated pod is created with.
 */
class SchedulingGateValidationTest {
  private static List<PodSchedulingGate> gates(String... names) {
    return Stream.of(names).map(PodSchedulingGate::new).toList();
  }

  private static Pod gated(String... names) {
    Pod pod = Fixtures.validPod();
    return created(pod.withSpec(pod.spec().withSchedulingGates(gates(names))));
  }

  private static Pod withGates(Pod pod, String... names) {
    return pod.withSpec(pod.spec().withSchedulingGates(gates(names)));
  }

  @Test
  void gateNamesAreQualifiedNamesNamedOnce() {
    Pod pod = Fixtures.validPod();
    assertThat(Validation.validateCreate(withGates(pod, "example.com/quota", "wait"))).isEmpty();
    assertCauses(Validation.validateCreate(withGates(pod, "a", "b", "a")),
        tuple("spec.schedulingGates[2]", "FieldValueDuplicate", "Duplicate value: \"a\""));
    var invalid = Validation.validateCreate(withGates(pod, "not valid"));
    assertThat(invalid).extracting(c -> c.field(), c -> c.reason())
        .containsExactly(tuple("spec.schedulingGates[0]", "FieldValueInvalid"));
    assertThat(invalid.get(0).message()).startsWith("Invalid value: \"not valid\": name part must consist of "
        + "alphanumeric characters");
  }

  @Test
  void aGatedPodCannotNameItsNodeOnCreate() {
    Pod pod = Fixtures.validPod();
    Pod bound = pod.withSpec(pod.spec().withNodeName("node-1"));
    assertThat(Validation.validateCreate(bound)).isEmpty();
    assertCauses(Validation.validateCreate(withGates(bound, "wait")),
        tuple("spec.nodeName", "FieldValueForbidden",
            "Forbidden: cannot be set until all schedulingGates have been cleared"));
  }

  @Test
  void gatesMayBeRemovedOrReorderedButNeverAddedOrRenamed() {
    Pod old = gated("a", "b");
    assertThat(Validation.validateUpdate(old, withGates(old, "b"))).isEmpty();
    assertThat(Validation.validateUpdate(old, withGates(old))).isEmpty();
    assertThat(Validation.validateUpdate(old, withGates(old, "b", "a"))).isEmpty();
    assertCauses(Validation.validateUpdate(old, withGates(old, "a", "b", "c")),
        tuple("spec.schedulingGates[2].name", "FieldValueForbidden",
            "Forbidden: only deletion is allowed, but found new scheduling gate 'c'"));
    assertCauses(Validation.validateUpdate(old, withGates(old, "x", "b")),
        tuple("spec.schedulingGates[0].name", "FieldValueForbidden",
            "Forbidden: only deletion is allowed, but found new scheduling gate 'x'"));
    Pod ungated = created(Fixtures.validPod());
    assertCauses(Validation.validateUpdate(ungated, withGates(ungated, "late")),
        tuple("spec.schedulingGates[0].name", "FieldValueForbidden",
            "Forbidden: only deletion is allowed, but found new scheduling gate 'late'"));
  }

  @Test
  void aGatedPodsNodeSelectorMayOnlyGrow() {
    Pod old = gated("a");
    old = old.withSpec(old.spec().withNodeSelector(Map.of("disk", "ssd")));
    assertThat(Validation.validateUpdate(old, old.withSpec(old.spec().withNodeSelector(
        Map.of("disk", "ssd", "zone", "a"))))).isEmpty();
    assertCauses(Validation.validateUpdate(old, old.withSpec(old.spec().withNodeSelector(Map.of("disk", "hdd")))),
        tuple("spec.nodeSelector", "FieldValueInvalid", "Invalid value: map[string]string{\"disk\":\"hdd\"}: "
            + "only additions to spec.nodeSelector are allowed (no mutations or deletions)"));
    // Once the last gate is gone the nodeSelector is fixed again, as for any pod.
    Pod released = created(Fixtures.validPod());
    var causes = Validation.validateUpdate(released, released.withSpec(released.spec().withNodeSelector(
        Map.of("zone", "a"))));
    assertThat(causes).extracting(c -> c.field()).containsExactly("spec");
  }

  @Test
  void aGatedPodIsCreatedPendingWithTheSchedulingGatedCondition() {
    Pod pod = gated("example.com/wait");
    assertThat(pod.status().phase()).isEqualTo("Pending");
    assertThat(pod.status().conditions()).containsExactly(new PodCondition("PodScheduled", "False", null,
        pod.metadata().creationTimestamp(), "SchedulingGated",
        "Scheduling is blocked due to non-empty scheduling gates", null));
    assertThat(created(Fixtures.validPod()).status().conditions()).isEmpty();
  }
}
