package io.coxswain.api.validation;

import io.coxswain.api.Defaulting;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.Container;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.Assertions;
import org.assertj.core.groups.Tuple;

final class Fixtures {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T02:06:36Z"), ZoneOffset.UTC);

  private Fixtures() {}

  static Pod pod(Container... containers) {
    return Pod.of(ObjectMeta.named("default", "p"), PodSpec.of(List.of(containers)));
  }

  static Pod validPod() {
    return pod(Container.of("web", "nginx:1.27"));
  }

  @SuppressWarnings("unchecked")
  static <T extends KubeObject> T created(T obj) {
    return (T) Defaulting.applyCreateDefaults(obj, "default", CLOCK, new Random(7));
  }

  static void assertValid(KubeObject obj) {
    Assertions.assertThat(Validation.validateCreate(obj)).isEmpty();
  }

  static void assertCauses(List<StatusCause> causes, Tuple... expected) {
    Assertions.assertThat(causes).extracting(StatusCause::field, StatusCause::reason, StatusCause::message)
        .containsExactlyInAnyOrder(expected);
  }

  static void assertCause(List<StatusCause> causes, String field, String reason) {
    Assertions.assertThat(causes).extracting(StatusCause::field, StatusCause::reason)
        .contains(Assertions.tuple(field, reason));
  }
}
