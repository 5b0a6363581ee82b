package io.coxswain.apiserver.table;

import static io.coxswain.apiserver.table.Fixtures.NOW;
import static io.coxswain.apiserver.table.Fixtures.ago;
import static io.coxswain.apiserver.table.Fixtures.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.coxswain.api.core.Container;
import io.coxswain.api.core.ContainerState;
import io.coxswain.api.core.ContainerStateTerminated;
import io.coxswain.api.core.ContainerStatus;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.PodCondition;
import io.coxswain.api.core.PodSpec;
import io.coxswain.api.core.PodStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodPrinterTest {
  private final PodPrinter printer = new PodPrinter();

  private static Pod pod(PodStatus status, Container... containers) {
    return Pod.of(meta("default", "web", 300), PodSpec.of(List.of(containers)).withNodeName("node-1"))
        .withStatus(status);
  }

  private static ContainerStatus running(String name, boolean ready, int restarts, ContainerState last) {
    return ContainerStatus.builder().name(name).state(ContainerState.running(ago(60))).lastState(last).ready(ready).restartCount(restarts).image("img").started(true).build();
  }

  private static ContainerStatus waiting(String name, String reason, int restarts, ContainerState last) {
    return ContainerStatus.builder().name(name).state(ContainerState.waiting(reason, null)).lastState(last).ready(false).restartCount(restarts).image("img").started(false).build();
  }

  private static ContainerState terminated(String reason, int exitCode, String finishedAt) {
    return ContainerState.terminated(new ContainerStateTerminated(exitCode, null, reason, null, null, finishedAt,
        null));
  }

  private static PodStatus status(String phase, List<ContainerStatus> containers) {
    return PodStatus.phase(phase).withIPs("10.1.0.1", "10.244.0.5").withContainerStatuses(containers);
  }

  @Test
  void runningPodShowsReadyCountIpAndNode() {
    Pod pod = pod(status("Running", List.of(running("a", true, 0, null), running("b", false, 0, null))),
        Container.of("a", "img"), Container.of("b", "img"));
    Row row = printer.row(pod, NOW);
    assertEquals(List.of("web", "1/2", "Running", "0", "5m", "10.244.0.5", "node-1", "<none>", "<none>"),
        row.cells());
    assertNull(row.completed());
    assertEquals(9, printer.columns().size());
  }

  @Test
  void restartsShowWhenTheLastOneEnded() {
    ContainerState last = terminated("Error", 1, ago(300));
    Pod pod = pod(status("Running", List.of(waiting("a", "CrashLoopBackOff", 5, last))), Container.of("a", "img"));
    Row row = printer.row(pod, NOW);
    assertEquals("CrashLoopBackOff", row.cells().get(2));
    assertEquals("5 (5m ago)", row.cells().get(3));
    assertEquals("0/1", row.cells().get(1));
  }

  @Test
  void pendingPodWithoutStatusesShowsPhaseAndNone() {
    Pod pod = Pod.of(meta("default", "web", 5), PodSpec.of(List.of(Container.of("a", "img"))))
        .withStatus(PodStatus.phase("Pending"));
    assertEquals(List.of("web", "0/1", "Pending", "0", "5s", "<none>", "<none>", "<none>", "<none>"),
        printer.row(pod, NOW).cells());
  }

  @Test
  void imagePullFailureAndCompletionReasonsWin() {
    Pod pulling = pod(status("Pending", List.of(waiting("a", "ErrImagePull", 0, null))), Container.of("a", "img"));
    assertEquals("ErrImagePull", printer.row(pulling, NOW).cells().get(2));

    ContainerStatus done = ContainerStatus.builder().name("a").state(terminated("Completed", 0, ago(10))).ready(false).restartCount(0).image("img").started(false).build();
    Row row = printer.row(pod(status("Succeeded", List.of(done)), Container.of("a", "img")), NOW);
    assertEquals("Completed", row.cells().get(2));
    assertEquals("Succeeded", row.completed().reason());
  }

  @Test
  void terminatedWithoutReasonShowsExitCode() {
    ContainerStatus failed = ContainerStatus.builder().name("a").state(terminated(null, 137, ago(10))).ready(false).restartCount(0).image("img").started(false).build();
    assertEquals("ExitCode:137", printer.row(pod(status("Failed", List.of(failed)), Container.of("a", "img")), NOW)
        .cells().get(2));
  }

  @Test
  void completedContainerBesideARunningOneIsRunningWhenReady() {
    ContainerStatus done = ContainerStatus.builder().name("a").state(terminated("Completed", 0, ago(10))).ready(false).restartCount(0).image("img").started(false).build();
    PodStatus status = status("Running", List.of(done, running("b", true, 0, null)))
        .withConditions(List.of(PodCondition.of("Ready", true, ago(5))));
    assertEquals("Running", printer.row(pod(status, Container.of("a", "img"), Container.of("b", "img")), NOW)
        .cells().get(2));
  }

  @Test
  void deletionMakesItTerminating() {
    Pod pod = pod(status("Running", List.of(running("a", true, 0, null))), Container.of("a", "img"));
    pod = pod.withMetadata(pod.metadata().withDeletion(ago(1), 30L));
    assertEquals("Terminating", printer.row(pod, NOW).cells().get(2));
  }

  @Test
  void unfinishedInitContainerShowsInitProgress() {
    PodSpec spec = PodSpec.of(List.of(Container.of("app", "img"))).withInitContainers(
        List.of(Container.of("init", "img")));
    PodStatus status = PodStatus.builder().phase("Pending").initContainerStatuses(List.of(running("init", false, 0, null))).containerStatuses(List.of(waiting("app", "PodInitializing", 0, null))).build();
    Pod pod = Pod.of(meta("default", "web", 5), spec).withStatus(status);
    assertEquals("Init:0/1", printer.row(pod, NOW).cells().get(2));

    PodStatus crashing = PodStatus.builder().phase("Pending").initContainerStatuses(List.of(waiting("init", "CrashLoopBackOff", 3, null))).containerStatuses(List.of()).build();
    Row row = printer.row(Pod.of(meta("default", "web", 5), spec).withStatus(crashing), NOW);
    assertEquals("Init:CrashLoopBackOff", row.cells().get(2));
    assertEquals("3", row.cells().get(3));
  }

  @Test
  void aGatedPodShowsSchedulingGatedAsKubectlDoes() {
    PodStatus gated = PodStatus.phase("Pending").withConditions(List.of(new PodCondition("PodScheduled", "False",
        null, ago(5), "SchedulingGated", "Scheduling is blocked due to non-empty scheduling gates", null)));
    Pod pod = Pod.of(meta("default", "web", 5), PodSpec.of(List.of(Container.of("app", "img")))).withStatus(gated);
    assertEquals(List.of("web", "0/1", "SchedulingGated", "0", "5s", "<none>", "<none>", "<none>", "<none>"),
        printer.row(pod, NOW).cells());
    PodStatus unschedulable = PodStatus.phase("Pending").withConditions(List.of(new PodCondition("PodScheduled",
        "False", null, ago(5), "Unschedulable", "0/1 nodes are available.", null)));
    assertEquals("Pending", printer.row(pod.withStatus(unschedulable), NOW).cells().get(2));
  }
}
