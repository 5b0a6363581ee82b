package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.core.Endpoints;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Service;
import io.coxswain.api.discovery.EndpointSlice;
import io.coxswain.api.selector.LabelSelector;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.store.CacheView;
import io.coxswain.store.WatchCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The manager of Kubernetes' endpoints and endpoint slice controllers (a cluster singleton on the
 * {@link Controller} kit, keyed by Service {@code namespace/name}): a change of a Service, of its
 * Endpoints or slices, or of a pod its selector matches (before or after the change) queues the
 * Service, and reconciling the key asks its sharded {@link ServiceEntity} — on whichever member
 * sharding places it — to bring the Endpoints and slices up to date at the cache's revision. An
 * entity on a member that died does not answer; the key is then retried with backoff and sharding
 * starts the entity elsewhere.
 */
public final class EndpointsController {
  private EndpointsController() {}

  /** Asks the Service entity with this id to reconcile at {@code revision}; completes when it has. */
  @FunctionalInterface
  public interface Dispatch {
    CompletionStage<?> reconcile(String entityId, long revision);
  }

  public static Behavior<Controller.Command> create(WatchCache cache, Duration resync, Clock clock, Dispatch dispatch) {
    return Controller.create(Controller.Settings.of("endpoints", resync).withWorkers(16), cache,
        Controller.Reconciler.of(
            (String id, CacheView view) -> dispatch.reconcile(id, view.revision())
                .thenApply(done -> Controller.Result.DONE),
            view -> view.list("services", null, null, 0, o -> true).items().stream()
                .map(ReconcilerEntity::entityId).toList()), List.of(
            Informer.forObjects("services", Service.class, ReconcilerEntity::entityId),
            Informer.forObjects("endpoints", Endpoints.class, ReconcilerEntity::entityId),
            Informer.of("endpointslices", EndpointSlice.class, EndpointsController::sliceChanged),
            Informer.of("pods", Pod.class, EndpointsController::podChanged)), clock);
  }

  /** A slice queues the Service it names ({@code kubernetes.io/service-name}), before or after the change. */
  static void sliceChanged(EndpointSlice before, EndpointSlice after, CacheView view, Consumer<String> enqueue) {
    for (EndpointSlice slice : new EndpointSlice[] {before, after}) {
      String service = slice == null ? null : slice.metadata().labelsOrEmpty().get(EndpointSlice.SERVICE_NAME_LABEL);
      if (service != null) {
        enqueue.accept(slice.metadata().namespace() + "/" + service);
      }
    }
  }

  /**
   * The services whose selector matched the pod before or matches it after. A change nothing in
   * an Endpoints or slice depends on (most status updates) queues nothing, as in Kubernetes.
   */
  static void podChanged(Pod before, Pod after, CacheView view, Consumer<String> enqueue) {
    if (before != null && after != null && !endpointsRelevantChange(before, after)) {
      return;
    }
    String namespace = (after != null ? after : before).metadata().namespace();
    for (KubeObject object : view.list("services", namespace, null, 0, o -> true).items()) {
      Map<String, String> selector = ((Service) object).spec().selector();
      if (selector.isEmpty()) {
        continue;
      }
      LabelSelector matcher = LabelSelector.fromMap(selector);
      if ((before != null && matcher.matches(before.metadata().labelsOrEmpty()))
          || (after != null && matcher.matches(after.metadata().labelsOrEmpty()))) {
        enqueue.accept(ReconcilerEntity.entityId(object));
      }
    }
  }

  private static boolean finished(Pod pod) {
    String phase = pod.statusOrEmpty().phase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static boolean endpointsRelevantChange(Pod before, Pod after) {
    return !Objects.equals(before.metadata().labels(), after.metadata().labels())
        || !Objects.equals(before.statusOrEmpty().podIP(), after.statusOrEmpty().podIP())
        || ReplicationReconciler.isReady(before) != ReplicationReconciler.isReady(after)
        || !Objects.equals(before.metadata().deletionTimestamp(), after.metadata().deletionTimestamp())
        || !Objects.equals(before.spec().nodeName(), after.spec().nodeName())
        || finished(before) != finished(after)
        || !Objects.equals(before.spec().hostname(), after.spec().hostname())
        || !Objects.equals(before.spec().subdomain(), after.spec().subdomain())
        || !before.spec().containers().equals(after.spec().containers());
  }
}
