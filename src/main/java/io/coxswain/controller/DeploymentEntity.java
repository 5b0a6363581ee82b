package io.coxswain.controller;

import io.coxswain.api.apps.Deployment;
import io.coxswain.api.apps.DeploymentCondition;
import io.coxswain.api.apps.DeploymentStatus;
import io.coxswain.api.apps.ReplicaSet;
import io.coxswain.controller.kit.Writes;
import io.coxswain.registry.Client;
import io.coxswain.registry.EventRecorder;
import io.coxswain.store.CacheView;
import io.coxswain.store.Deletion;
import io.coxswain.store.Indexes;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One Deployment as a sharded {@link ReconcilerEntity} (id {@code ns/name}): each reconcile takes
 * the step {@link DeploymentPlanner} decides — ReplicaSets created, scaled or deleted, with
 * Kubernetes' ScalingReplicaSet events — and writes the Deployment's revision annotation and
 * status. It looks again at the progress deadline.
 *
 * <p>Beyond Kubernetes, and only when the Deployment has the annotation {@value #AUTO_ROLLBACK}
 * {@code "true"} (Nomad's auto_revert): a rollout that exceeds its progress deadline puts the
 * template of the newest older revision back, with a RolledBack event and an {@code AutoRollback}
 * condition, so the old pods it never stopped keep serving and the failed ones go.
 */
public final class DeploymentEntity {
  public static final EntityTypeKey<ReconcilerEntity.Command> TYPE =
      EntityTypeKey.create(ReconcilerEntity.Command.class, "Deployment");
  public static final String AUTO_ROLLBACK = "coxswain.io/auto-rollback";

  private final Client client;
  private final EventRecorder events;
  private final Clock clock;

  private DeploymentEntity(Client client, EventRecorder events, Clock clock) {
    this.client = client;
    this.events = events;
    this.clock = clock;
  }

  /** @param passivate as {@link ReconcilerEntity#create} */
  public static Behavior<ReconcilerEntity.Command> create(String entityId, WatchCache cache, Client client,
      Clock clock, Runnable passivate) {
    DeploymentEntity entity = new DeploymentEntity(client, new EventRecorder(client, "deployment-controller", null,
        clock), clock);
    return ReconcilerEntity.create("deployments", entityId, cache, entity::reconcile, passivate);
  }

  private CompletionStage<ReconcilerEntity.Result> reconcile(ResourceKey key, CacheView view) {
    Deployment d = (Deployment) view.get(key);
    if (d == null) {
      return CompletableFuture.completedFuture(ReconcilerEntity.Result.GONE);
    }
    if (d.metadata().deletionTimestamp() != null) {
      return CompletableFuture.completedFuture(ReconcilerEntity.Result.DONE); // its ReplicaSets are the garbage collector's
    }
    List<ReplicaSet> owned = view.indexed(Indexes.OWNER, d.metadata().uid()).stream()
        .filter(o -> o instanceof ReplicaSet && d.metadata().uid().equals(Owners.controllerUid(o)))
        .map(o -> (ReplicaSet) o).toList();
    CompletionStage<ReconcilerEntity.Result> ownership = adoptAndRelease(key, d, owned, view);
    if (ownership != null) {
      return ownership;
    }
    // A set still has pods while any pod it controls exists, terminating ones included.
    DeploymentPlanner.Plan plan = DeploymentPlanner.plan(d, owned, clock.instant(), rs -> !view.indexed(
        Indexes.CONTROLLER, Indexes.controller(key.namespace(), rs.metadata().uid())).isEmpty());
    for (DeploymentPlanner.Action action : plan.actions()) {
      if (action instanceof DeploymentPlanner.Create create && view.get(key(create.replicaSet())) != null) {
        return collided(key, d, create.replicaSet());
      }
    }
    List<CompletionStage<?>> writes = new ArrayList<>();
    for (DeploymentPlanner.Action action : plan.actions()) {
      writes.add(carryOut(d, action));
    }
    DeploymentStatus status = keepOtherConditions(d.statusOrEmpty(), plan.status());
    Deployment rollback = autoRollback(d, owned, status);
    if (rollback != null) {
      status = rollback.statusOrEmpty();
      Deployment target = rollback;
      writes.add(client.update(key, Deployment.class, current -> !current.metadata().uid().equals(d.metadata().uid())
          ? null : current.withSpec(current.spec().withTemplate(target.spec().template()))));
    }
    String revision = plan.revision();
    if (revision != null && !revision.equals(d.metadata().annotationsOrEmpty().get(DeploymentPlanner.REVISION))) {
      writes.add(client.update(key, Deployment.class, current -> {
        Map<String, String> annotations = new LinkedHashMap<>(current.metadata().annotationsOrEmpty());
        annotations.put(DeploymentPlanner.REVISION, revision);
        return current.withMetadata(current.metadata().withAnnotations(annotations));
      }));
    }
    if (!status.equals(d.status())) {
      DeploymentStatus next = status;
      writes.add(client.updateStatus(key, Deployment.class, current -> !current.metadata().uid()
          .equals(d.metadata().uid()) ? null : current.withStatus(next)));
    }
    return Writes.all(writes).thenApply(done -> ReconcilerEntity.Result.after(plan.recheckAfter()));
  }

  /**
   * Kubernetes' controller references for a Deployment: ReplicaSets of its namespace that no
   * controller owns and whose labels its selector matches are adopted; ReplicaSets it owns whose
   * labels it no longer matches are released. Returns the writes' outcome (the next look sees the
   * new owners), or null when ownership is settled.
   */
  private CompletionStage<ReconcilerEntity.Result> adoptAndRelease(ResourceKey key, Deployment d,
      List<ReplicaSet> owned, CacheView view) {
    io.coxswain.api.selector.LabelSelector selector = io.coxswain.api.selector.ApiSelectors.of(d.spec().selector());
    if (selector == null || selector.isEverything()) {
      return null; // an empty selector matches nothing for adoption, as in Kubernetes
    }
    List<CompletionStage<?>> writes = new ArrayList<>();
    for (Object o : view.list("replicasets", key.namespace(), null, 0, x -> true).items()) {
      ReplicaSet rs = (ReplicaSet) o;
      if (Owners.controllerUid(rs) == null && rs.metadata().deletionTimestamp() == null
          && selector.matches(rs.metadata().labelsOrEmpty())) {
        writes.add(client.update(key(rs), ReplicaSet.class, current -> Owners.controllerUid(current) != null
            || !current.metadata().uid().equals(rs.metadata().uid()) ? null : (ReplicaSet) Owners.adopt(current, d)));
      }
    }
    for (ReplicaSet rs : owned) {
      if (!selector.matches(rs.metadata().labelsOrEmpty())) {
        writes.add(client.update(key(rs), ReplicaSet.class,
            current -> (ReplicaSet) Owners.release(current, d.metadata().uid())));
      }
    }
    return writes.isEmpty() ? null
        : Writes.all(writes).thenApply(done -> ReconcilerEntity.Result.after(java.time.Duration.ZERO));
  }

  /**
   * The new ReplicaSet's name is taken by one this Deployment does not control as its new version
   * (a hash collision, or a set someone made by hand): as Kubernetes does, count the collision in
   * {@code status.collisionCount}, which goes into the template hash, so the next look picks
   * another name.
   */
  private CompletionStage<ReconcilerEntity.Result> collided(ResourceKey key, Deployment d, ReplicaSet wanted) {
    events.warning(d, "HashCollision", "ReplicaSet " + wanted.metadata().name() + " exists and is not this "
        + "Deployment's new version; collisionCount raised");
    return client.updateStatus(key, Deployment.class, current -> {
      if (!current.metadata().uid().equals(d.metadata().uid())) {
        return null;
      }
      DeploymentStatus s = current.statusOrEmpty();
      int count = s.collisionCount() == null ? 1 : s.collisionCount() + 1;
      return current.withStatus(new DeploymentStatus(s.observedGeneration(), s.replicas(), s.updatedReplicas(),
          s.readyReplicas(), s.availableReplicas(), s.unavailableReplicas(), s.conditions(), count));
    }).thenApply(done -> ReconcilerEntity.Result.after(java.time.Duration.ZERO));
  }

  private CompletionStage<?> carryOut(Deployment d, DeploymentPlanner.Action action) {
    if (action instanceof DeploymentPlanner.Create create) {
      ReplicaSet rs = create.replicaSet();
      return client.create(rs).whenComplete((created, failure) -> {
        if (failure == null) {
          events.normal(d, "ScalingReplicaSet", "Scaled up replica set " + rs.metadata().name() + " to "
              + DeploymentPlanner.specReplicas(rs));
        }
      });
    }
    if (action instanceof DeploymentPlanner.Scale scale) {
      ReplicaSet rs = scale.replicaSet();
      int from = DeploymentPlanner.specReplicas(rs);
      return client.update(key(rs), ReplicaSet.class, current -> {
        if (!current.metadata().uid().equals(rs.metadata().uid())) {
          return null;
        }
        return current.withSpec(current.spec().withReplicas(scale.replicas()))
            .withMetadata(current.metadata().withAnnotations(scale.annotations()));
      }).whenComplete((done, failure) -> {
        if (failure == null && from != scale.replicas()) {
          events.normal(d, "ScalingReplicaSet", "Scaled " + (scale.replicas() > from ? "up" : "down")
              + " replica set " + rs.metadata().name() + " to " + scale.replicas() + " from " + from);
        }
      });
    }
    ReplicaSet rs = ((DeploymentPlanner.Delete) action).replicaSet();
    return client.delete(key(rs), new Deletion.Options(null, "Background", rs.metadata().uid(), null));
  }

  /**
   * The Deployment to write back when it asks for automatic rollback and its rollout has just hit
   * the progress deadline: the template of the newest older revision, status with an AutoRollback
   * condition; null otherwise.
   */
  private Deployment autoRollback(Deployment d, List<ReplicaSet> owned, DeploymentStatus status) {
    if (!"true".equals(d.metadata().annotationsOrEmpty().get(AUTO_ROLLBACK))) {
      return null;
    }
    DeploymentCondition progressing = status.condition("Progressing");
    DeploymentCondition before = d.statusOrEmpty().condition("Progressing");
    if (progressing == null || !"ProgressDeadlineExceeded".equals(progressing.reason())
        || (before != null && "ProgressDeadlineExceeded".equals(before.reason()))) {
      return null;
    }
    ReplicaSet good = owned.stream()
        .filter(rs -> !PodTemplateHash.sameVersion(rs.spec().template(), d.spec().template()))
        .max(Comparator.comparingLong(DeploymentPlanner::revision)).orElse(null);
    if (good == null) {
      return null;
    }
    String failed = d.metadata().annotationsOrEmpty().getOrDefault(DeploymentPlanner.REVISION, "?");
    String message = "Rolled back from revision " + failed + " to revision " + DeploymentPlanner.revision(good)
        + " after the progress deadline was exceeded";
    events.warning(d, "RolledBack", message);
    String at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    List<DeploymentCondition> conditions = new ArrayList<>(status.conditions().stream()
        .filter(c -> !"AutoRollback".equals(c.type())).toList());
    conditions.add(new DeploymentCondition("AutoRollback", "True", at, at, "ProgressDeadlineExceeded", message));
    DeploymentStatus rolledBack = new DeploymentStatus(status.observedGeneration(), status.replicas(),
        status.updatedReplicas(), status.readyReplicas(), status.availableReplicas(), status.unavailableReplicas(),
        conditions, status.collisionCount());
    return d.withSpec(d.spec().withTemplate(PodTemplateHash.withoutHash(good.spec().template())))
        .withStatus(rolledBack);
  }

  /** The planner's status with the conditions of other types (AutoRollback, ReplicaFailure) kept. */
  private static DeploymentStatus keepOtherConditions(DeploymentStatus previous, DeploymentStatus next) {
    List<DeploymentCondition> conditions = new ArrayList<>(next.conditions());
    for (DeploymentCondition c : previous.conditions()) {
      if (next.conditions().stream().noneMatch(n -> Objects.equals(n.type(), c.type()))) {
        conditions.add(c);
      }
    }
    return new DeploymentStatus(next.observedGeneration(), next.replicas(), next.updatedReplicas(),
        next.readyReplicas(), next.availableReplicas(), next.unavailableReplicas(), conditions, next.collisionCount());
  }

  private static ResourceKey key(ReplicaSet rs) {
    return new ResourceKey("replicasets", rs.metadata().namespace(), rs.metadata().name());
  }
}
