package io.coxswain.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.coxswain.api.Json;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.apps.Deployment;
import io.coxswain.api.apps.DeploymentCondition;
import io.coxswain.api.apps.DeploymentStatus;
import io.coxswain.api.apps.ReplicaSet;
import io.coxswain.api.apps.ReplicaSetStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployment controller's steps against a small world in which a ReplicaSet's pods are all
 * there and available as soon as its replicas are set: the rollout's bounds hold at every step, it
 * ends with only the new version, revisions and history behave as Kubernetes', and a stalled
 * rollout reports ProgressDeadlineExceeded.
 */
class DeploymentPlannerTest {
  private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

  private static Deployment deployment(int replicas, String image, String strategy) {
    String json = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"d\","
        + "\"uid\":\"dep-1\",\"generation\":1},\"spec\":{\"replicas\":" + replicas + ",\"selector\":{\"matchLabels\":"
        + "{\"app\":\"web\"}},\"strategy\":" + strategy + ",\"progressDeadlineSeconds\":60,\"revisionHistoryLimit\":2,"
        + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"c\","
        + "\"image\":\"" + image + "\"}]}}}}";
    return Json.decode(json.getBytes(StandardCharsets.UTF_8), "application/json", Deployment.class);
  }

  private static final String ROLLING = "{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":\"25%\","
      + "\"maxUnavailable\":\"25%\"}}";

  /** A world where the controller's writes land and pods become available at once ({@code available} false: never). */
  private static final class World {
    final Map<String, ReplicaSet> sets = new LinkedHashMap<>();
    Deployment deployment;
    int created;
    boolean available = true;
    Instant now = T0;
    String unavailableImage;

    World(Deployment d) {
      deployment = d;
    }

    DeploymentPlanner.Plan step() {
      DeploymentPlanner.Plan plan = DeploymentPlanner.plan(deployment, List.copyOf(sets.values()), now);
      for (DeploymentPlanner.Action action : plan.actions()) {
        if (action instanceof DeploymentPlanner.Create create) {
          ReplicaSet rs = create.replicaSet().withMetadata(create.replicaSet().metadata()
              .withUid("rs-" + ++created).withCreationTimestamp(now.plusSeconds(created).toString()));
          sets.put(rs.metadata().name(), rs);
        } else if (action instanceof DeploymentPlanner.Scale scale) {
          ReplicaSet rs = sets.get(scale.replicaSet().metadata().name());
          sets.put(rs.metadata().name(), rs.withSpec(rs.spec().withReplicas(scale.replicas()))
              .withMetadata(rs.metadata().withAnnotations(scale.annotations())));
        } else if (action instanceof DeploymentPlanner.Delete delete) {
          sets.remove(delete.replicaSet().metadata().name());
        }
      }
      // The replica sets' controllers: pods follow spec at once; available unless told otherwise.
      sets.replaceAll((name, rs) -> {
        int n = DeploymentPlanner.specReplicas(rs);
        boolean up = available && !rs.spec().template().spec().containers().get(0).image().equals(unavailableImage);
        return rs.withStatus(new ReplicaSetStatus(n, n, up ? n : 0, up ? n : 0, 1L, null));
      });
      deployment = deployment.withStatus(plan.status()).withMetadata(deployment.metadata().withAnnotations(
          plan.revision() == null ? null : Map.of(DeploymentPlanner.REVISION, plan.revision())));
      return plan;
    }

    int total() {
      return sets.values().stream().mapToInt(DeploymentPlanner::specReplicas).sum();
    }

    int availablePods() {
      return sets.values().stream().mapToInt(rs -> rs.statusOrEmpty().availableOrZero()).sum();
    }

    void update(String image) {
      Deployment next = deployment(DeploymentPlanner.specReplicas(ReplicaSet.of(ObjectMeta.named("d", "x"),
          new io.coxswain.api.apps.ReplicaSetSpec(RolloutMath.replicas(deployment), null, null, null))), image, ROLLING);
      deployment = next.withStatus(deployment.status()).withMetadata(deployment.metadata()
          .withGeneration(deployment.metadata().generation() + 1));
    }

    /** Steps until complete, checking the bounds after each; returns the number of steps. */
    int rollOut(int maxSurge, int maxUnavailable) {
      int replicas = RolloutMath.replicas(deployment);
      for (int i = 0; i < 100; i++) {
        step();
        assertThat(total()).as("never more than replicas + maxSurge").isLessThanOrEqualTo(replicas + maxSurge);
        assertThat(availablePods()).as("never fewer than replicas - maxUnavailable available, step " + i)
            .isGreaterThanOrEqualTo(Math.min(replicas - maxUnavailable, i == 0 ? 0 : replicas - maxUnavailable));
        if (DeploymentPlanner.complete(deployment, deployment.statusOrEmpty())) {
          return i + 1;
        }
      }
      throw new AssertionError("the rollout never completed: " + sets.values());
    }

    List<String> activeImages() {
      List<String> images = new ArrayList<>();
      sets.values().stream().filter(rs -> DeploymentPlanner.specReplicas(rs) > 0)
          .forEach(rs -> images.add(rs.spec().template().spec().containers().get(0).image()));
      return images;
    }
  }

  @Test
  void aRollingUpdateStaysWithinItsBoundsAndEndsWithTheNewVersionOnly() {
    World world = new World(deployment(10, "web:1", ROLLING));
    world.rollOut(3, 2);
    assertThat(world.activeImages()).containsExactly("web:1");
    assertThat(world.deployment.metadata().annotationsOrEmpty()).containsEntry(DeploymentPlanner.REVISION, "1");
    ReplicaSet first = world.sets.values().iterator().next();
    assertThat(first.metadata().name()).startsWith("web-");
    assertThat(first.spec().template().metadata().labels()).containsKey("pod-template-hash");
    assertThat(first.spec().selector().matchLabels()).containsKeys("app", "pod-template-hash");
    assertThat(first.metadata().ownerReferences()).singleElement().satisfies(o -> {
      assertThat(o.kind()).isEqualTo("Deployment");
      assertThat(o.controller()).isTrue();
    });

    world.update("web:2");
    int steps = world.rollOut(3, 2);
    assertThat(steps).isGreaterThan(2);
    assertThat(world.activeImages()).containsExactly("web:2");
    assertThat(world.deployment.metadata().annotationsOrEmpty()).containsEntry(DeploymentPlanner.REVISION, "2");
    DeploymentStatus status = world.deployment.statusOrEmpty();
    assertThat(status.updatedReplicas()).isEqualTo(10);
    assertThat(status.availableReplicas()).isEqualTo(10);
    assertThat(status.condition("Progressing").reason()).isEqualTo("NewReplicaSetAvailable");
    assertThat(status.condition("Available").status()).isEqualTo("True");
  }

  @Test
  void rollingBackMakesTheOldReplicaSetNewAgainWithTheNextRevisionAndHistoryIsBounded() {
    World world = new World(deployment(4, "web:1", ROLLING));
    world.rollOut(1, 1);
    String v1 = world.sets.keySet().iterator().next();
    for (String image : List.of("web:2", "web:3", "web:4")) {
      world.update(image);
      world.rollOut(1, 1);
    }
    // revisionHistoryLimit 2: of the three old sets, the oldest (v1) is gone.
    assertThat(world.sets).hasSize(3).doesNotContainKey(v1);
    world.update("web:2");
    world.rollOut(1, 1);
    assertThat(world.sets).hasSize(3);
    ReplicaSet current = world.sets.values().stream().filter(rs -> DeploymentPlanner.specReplicas(rs) > 0)
        .findFirst().orElseThrow();
    assertThat(current.spec().template().spec().containers().get(0).image()).isEqualTo("web:2");
    assertThat(DeploymentPlanner.revision(current)).as("reused set, next revision").isEqualTo(5);
    assertThat(world.created).as("no new set for a template seen before").isEqualTo(4);
  }

  @Test
  void recreateStopsEveryOldPodBeforeTheNewOnesStart() {
    String recreate = "{\"type\":\"Recreate\"}";
    World world = new World(deployment(3, "web:1", recreate));
    for (int i = 0; i < 10 && !DeploymentPlanner.complete(world.deployment, world.deployment.statusOrEmpty()); i++) {
      world.step();
    }
    Deployment next = deployment(3, "web:2", recreate);
    world.deployment = next.withStatus(world.deployment.status()).withMetadata(next.metadata().withGeneration(2L)
        .withAnnotations(world.deployment.metadata().annotations()));
    DeploymentPlanner.Plan first = world.step();
    assertThat(first.actions()).singleElement().isInstanceOfSatisfying(DeploymentPlanner.Scale.class,
        s -> assertThat(s.replicas()).isZero());
    for (int i = 0; i < 10 && !DeploymentPlanner.complete(world.deployment, world.deployment.statusOrEmpty()); i++) {
      world.step();
      assertThat(world.activeImages()).hasSizeLessThanOrEqualTo(1);
    }
    assertThat(world.activeImages()).containsExactly("web:2");
  }

  @Test
  void aRolloutThatStallsExceedsItsDeadlineAndTheOldPodsKeepServing() {
    World world = new World(deployment(4, "web:1", ROLLING));
    world.rollOut(1, 1);
    world.update("web:missing");
    world.unavailableImage = "web:missing";
    DeploymentPlanner.Plan plan = null;
    for (int i = 0; i < 5; i++) {
      plan = world.step();
    }
    DeploymentCondition progressing = world.deployment.statusOrEmpty().condition("Progressing");
    assertThat(progressing.status()).isEqualTo("True");
    assertThat(plan.recheckAfter()).as("looks again at the deadline").isNotNull();
    assertThat(world.availablePods()).isGreaterThanOrEqualTo(3);
    world.now = T0.plusSeconds(120);
    world.step();
    progressing = world.deployment.statusOrEmpty().condition("Progressing");
    assertThat(progressing.status()).isEqualTo("False");
    assertThat(progressing.reason()).isEqualTo("ProgressDeadlineExceeded");
    assertThat(world.availablePods()).as("old pods keep serving").isGreaterThanOrEqualTo(3);
  }

  @Test
  void fencepostsRoundSurgeUpAndUnavailabilityDownAndAreNeverBothZero() {
    assertThat(RolloutMath.fenceposts(deployment(10, "x", ROLLING))).isEqualTo(new RolloutMath.Fenceposts(3, 2));
    assertThat(RolloutMath.fenceposts(deployment(1, "x", ROLLING))).isEqualTo(new RolloutMath.Fenceposts(1, 0));
    assertThat(RolloutMath.fenceposts(deployment(3, "x",
        "{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":0,\"maxUnavailable\":\"10%\"}}")))
        .isEqualTo(new RolloutMath.Fenceposts(0, 1));
  }

  @Test
  void aFinishedRolloutThatLosesPodsDoesNotTimeOut() {
    World world = new World(deployment(4, "web:1", ROLLING));
    world.rollOut(1, 1);
    assertThat(world.deployment.statusOrEmpty().condition("Progressing").reason()).isEqualTo("NewReplicaSetAvailable");
    // A node dies: the pods are replaced but stay unavailable for longer than the deadline.
    world.available = false;
    world.step();
    world.now = T0.plusSeconds(600);
    DeploymentPlanner.Plan plan = world.step();
    DeploymentCondition progressing = world.deployment.statusOrEmpty().condition("Progressing");
    assertThat(progressing.status()).isEqualTo("True");
    assertThat(progressing.reason()).isEqualTo("NewReplicaSetAvailable");
    assertThat(plan.recheckAfter()).isNull();
    assertThat(world.deployment.statusOrEmpty().condition("Available").status()).isEqualTo("False");
  }

  @Test
  void recreateWaitsForTerminatingOldPodsToBeGone() {
    String recreate = "{\"type\":\"Recreate\"}";
    World world = new World(deployment(2, "web:1", recreate));
    for (int i = 0; i < 10 && !DeploymentPlanner.complete(world.deployment, world.deployment.statusOrEmpty()); i++) {
      world.step();
    }
    ReplicaSet old = world.sets.values().iterator().next().withSpec(world.sets.values().iterator().next().spec()
        .withReplicas(0));
    old = old.withStatus(new ReplicaSetStatus(0, 0, 0, 0, 1L, null));
    Deployment next = deployment(2, "web:2", recreate);
    Deployment d = next.withStatus(world.deployment.status()).withMetadata(next.metadata().withGeneration(2L)
        .withAnnotations(world.deployment.metadata().annotations()));
    // Scaled to zero and its status says no pod, but a pod of it is still terminating.
    DeploymentPlanner.Plan waiting = DeploymentPlanner.plan(d, List.of(old), T0, rs -> true);
    assertThat(waiting.actions()).isEmpty();
    DeploymentPlanner.Plan gone = DeploymentPlanner.plan(d, List.of(old), T0, rs -> false);
    assertThat(gone.actions()).singleElement().isInstanceOf(DeploymentPlanner.Create.class);
  }

  @Test
  void aPausedDeploymentsStatusSettlesSoItIsNotWrittenAgainAndAgain() {
    World world = new World(deployment(2, "web:1", ROLLING));
    world.rollOut(1, 1);
    world.deployment = world.deployment.withSpec(world.deployment.spec().toBuilder().paused(true).build());
    world.step();
    DeploymentCondition paused = world.deployment.statusOrEmpty().condition("Progressing");
    assertThat(paused.reason()).isEqualTo("DeploymentPaused");
    assertThat(paused.status()).isEqualTo("Unknown");
    var settled = world.deployment.statusOrEmpty();
    world.now = T0.plusSeconds(30);
    assertThat(world.step().status()).as("nothing changed: the same status, times included").isEqualTo(settled);
  }

  @Test
  void scalingMidRolloutSpreadsTheChangeOverBothVersionsInProportion() {
    World world = new World(deployment(10, "web:1", ROLLING));
    world.rollOut(3, 2);
    world.unavailableImage = "web:2";
    world.update("web:2");
    for (int i = 0; i < 5; i++) {
      world.step();
    }
    Map<String, Integer> before = sizesByImage(world);
    assertThat(before).isEqualTo(Map.of("web:1", 8, "web:2", 5)); // 13 = 10 + maxSurge 3, the new ones not ready
    world.deployment = world.deployment.withSpec(world.deployment.spec().toBuilder().replicas(15).build());
    world.step();
    // 15 + maxSurge 4 = 19 allowed: 6 more, spread as 8 and 5 scale from a max of 13 to 19 (12 and 7).
    assertThat(sizesByImage(world)).isEqualTo(Map.of("web:1", 12, "web:2", 7));
    world.deployment = world.deployment.withSpec(world.deployment.spec().toBuilder().replicas(5).build());
    world.step();
    // 5 + maxSurge 2 = 7 allowed: 12 fewer, 12 and 7 scale from 19 to 7 (4 and 3, the larger takes the rounding).
    Map<String, Integer> down = sizesByImage(world);
    assertThat(down.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(7);
    assertThat(down).isEqualTo(Map.of("web:1", 4, "web:2", 3));
    world.unavailableImage = null;
    assertThat(world.rollOut(2, 1)).isPositive();
    assertThat(world.activeImages()).containsExactly("web:2");
  }

  private static Map<String, Integer> sizesByImage(World world) {
    Map<String, Integer> sizes = new java.util.TreeMap<>();
    world.sets.values().forEach(rs -> sizes.merge(rs.spec().template().spec().containers().get(0).image(),
        DeploymentPlanner.specReplicas(rs), Integer::sum));
    return sizes;
  }

  /** A set brought back by a rollback records the revisions it had, oldest dropped past 2,000 characters. */
  @Test
  void revisionHistoryAppendsWithinKubernetesBound() {
    assertThat(DeploymentPlanner.appendRevision(null, "1")).isEqualTo("1");
    assertThat(DeploymentPlanner.appendRevision("1,3", "5")).isEqualTo("1,3,5");
    String full = String.join(",", java.util.Collections.nCopies(500, "123"));
    String appended = DeploymentPlanner.appendRevision(full, "9999");
    assertThat(appended).hasSizeLessThanOrEqualTo(DeploymentPlanner.MAX_REVISION_HISTORY_CHARS).endsWith(",9999")
        .doesNotStartWith(full);
  }
}
