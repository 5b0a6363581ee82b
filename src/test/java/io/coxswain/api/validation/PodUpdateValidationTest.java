package io.coxswain.api.validation;

import static io.coxswain.api.validation.Fixtures.assertCause;
import static io.coxswain.api.validation.Fixtures.created;
import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.core.Container;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Toleration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodUpdateValidationTest {
  static final Toleration T1 = new Toleration("k", "Exists", null, "NoExecute", 300L);

  static Pod old() {
    Pod pod = Fixtures.pod(Container.of("a", "nginx:1"), Container.of("b", "redis:7"));
    return created(pod.withSpec(pod.spec().withActiveDeadlineSeconds(100L).withTolerations(List.of(T1))));
  }

  @Test
  void imagesMayChange() {
    Pod old = old();
    Pod updated = old.withSpec(old.spec().withContainers(List.of(old.spec().containers().get(0).withImage("nginx:2"),
        old.spec().containers().get(1))));
    assertThat(Validation.validateUpdate(old, updated)).isEmpty();
  }

  @Test
  void activeDeadlineMayOnlyShrink() {
    Pod old = old();
    assertThat(Validation.validateUpdate(old, old.withSpec(old.spec().withActiveDeadlineSeconds(50L)))).isEmpty();
    assertCause(Validation.validateUpdate(old, old.withSpec(old.spec().withActiveDeadlineSeconds(200L))),
        "spec.activeDeadlineSeconds", "FieldValueInvalid");
    assertCause(Validation.validateUpdate(old, old.withSpec(old.spec().withActiveDeadlineSeconds(null))),
        "spec.activeDeadlineSeconds", "FieldValueInvalid");
  }

  @Test
  void tolerationsMayOnlyBeAdded() {
    Pod old = old();
    Toleration t2 = new Toleration("x", "Equal", "y", "NoSchedule", null);
    Toleration shorter = new Toleration("k", "Exists", null, "NoExecute", 10L);
    assertThat(Validation.validateUpdate(old, old.withSpec(old.spec().withTolerations(List.of(shorter, t2)))))
        .isEmpty();
    assertCause(Validation.validateUpdate(old, old.withSpec(old.spec().withTolerations(List.of(t2)))),
        "spec.tolerations", "FieldValueForbidden");
  }

  @Test
  void otherSpecChangesAreForbidden() {
    Pod old = old();
    var causes = Validation.validateUpdate(old, old.withSpec(old.spec().withNodeName("node-1")));
    assertThat(causes).hasSize(1);
    assertThat(causes.get(0).field()).isEqualTo("spec");
    assertThat(causes.get(0).reason()).isEqualTo("FieldValueForbidden");
    assertThat(causes.get(0).message()).startsWith("Forbidden: pod updates may not change fields other than "
        + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`")
        .contains("spec.nodeName");
    assertCause(Validation.validateUpdate(old, old.withSpec(old.spec().withContainers(
        List.of(old.spec().containers().get(0))))), "spec", "FieldValueForbidden");
    assertCause(Validation.validateUpdate(old, old.withSpec(old.spec().withContainers(List.of(
        old.spec().containers().get(0).withImage(""), old.spec().containers().get(1))))),
        "spec.containers[0].image", "FieldValueRequired");
  }
}
