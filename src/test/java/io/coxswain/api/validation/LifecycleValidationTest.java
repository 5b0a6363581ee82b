package io.coxswain.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.coxswain.api.Defaulting;
import io.coxswain.api.Json;
import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.core.Pod;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Lifecycle hooks and container names checked as Kubernetes' validatePodSpec checks them. */
class LifecycleValidationTest {
  private static List<StatusCause> validate(String spec) {
    Pod pod = Json.decode(("{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"p\"},\"spec\":" + spec
        + "}").getBytes(), "application/json", Pod.class);
    return Validation.validateCreate(Defaulting.applyCreateDefaults(pod, "default", Clock.systemUTC(), new Random(1)));
  }

  @Test
  void aHookNamesExactlyOneHandler() {
    assertThat(validate("""
        {"containers":[{"name":"c","image":"x","lifecycle":{"preStop":{}}}]}"""))
        .extracting(StatusCause::field, StatusCause::message)
        .containsExactly(tuple("spec.containers[0].lifecycle.preStop", "Required value: must specify a handler type"));
    assertThat(validate("""
        {"containers":[{"name":"c","image":"x","lifecycle":{"postStart":{"exec":{"command":["true"]},
         "sleep":{"seconds":1}}}}]}"""))
        .extracting(StatusCause::field).containsExactly("spec.containers[0].lifecycle.postStart.sleep");
    assertThat(validate("""
        {"containers":[{"name":"c","image":"x","lifecycle":{"postStart":{"httpGet":{"path":"/x"}}}}]}"""))
        .extracting(StatusCause::field, StatusCause::message).containsExactly(tuple(
            "spec.containers[0].lifecycle.postStart.httpGet.port",
            "Invalid value: 0: must be between 1 and 65535, inclusive"));
    assertThat(validate("""
        {"containers":[{"name":"c","image":"x","lifecycle":{"postStart":{"exec":{}}}}]}"""))
        .extracting(StatusCause::field).containsExactly("spec.containers[0].lifecycle.postStart.exec.command");
  }

  @Test
  void aSleepLastsMoreThanZeroAndAtMostTheGracePeriod() {
    assertThat(validate("""
        {"containers":[{"name":"c","image":"x","lifecycle":{"preStop":{"sleep":{"seconds":-1}}}}]}"""))
        .extracting(StatusCause::field, StatusCause::message).containsExactly(tuple(
            "spec.containers[0].lifecycle.preStop.sleep", "Invalid value: -1: must be greater than 0 and less than "
                + "terminationGracePeriodSeconds (30). Enable AllowPodLifecycleSleepActionZeroValue feature gate for "
                + "zero sleep."));
    assertThat(validate("""
        {"terminationGracePeriodSeconds":5,
         "containers":[{"name":"c","image":"x","lifecycle":{"preStop":{"sleep":{"seconds":6}}}}]}"""))
        .extracting(StatusCause::field).containsExactly("spec.containers[0].lifecycle.preStop.sleep");
    assertThat(validate("""
        {"containers":[{"name":"c","image":"x","lifecycle":{"preStop":{"sleep":{"seconds":30}}}}]}""")).isEmpty();
  }

  @Test
  void aNameAnInitContainerSharesWithAnAppContainerIsTheInitContainersDuplicate() {
    assertThat(validate("""
        {"initContainers":[{"name":"c","image":"x"}],"containers":[{"name":"c","image":"x"}]}"""))
        .extracting(StatusCause::field, StatusCause::message)
        .containsExactly(tuple("spec.initContainers[0].name", "Duplicate value: \"c\""));
  }
}
