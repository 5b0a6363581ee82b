package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.EndpointSubset;
import io.coxswain.api.core.Endpoints;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Service;
import io.coxswain.api.selector.LabelSelector;
import io.coxswain.controller.kit.Controller;
import io.coxswain.controller.kit.Informer;
import io.coxswain.controller.kit.Writes;
import io.coxswain.store.CacheView;
import io.coxswain.store.Indexes;
import io.coxswain.store.ResourceKey;
import io.coxswain.registry.Client;
import io.coxswain.store.Deletion;
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
 * Kubernetes' endpoints controller (a cluster singleton on the {@link Controller} kit): keeps each
 * selector Service's Endpoints object (same name) equal to what {@link EndpointsBuilder} computes
 * from the pods — the address list the service proxy balances over. Keyed by service: a service
 * change, a change of a pod its selector matches (before or after the change), or a change of its
 * Endpoints queues it; Endpoints this controller made for a service that is gone go with it.
 */
public final class EndpointsController {
  /** Marks the Endpoints this controller owns (selector-less services keep user-made ones). */
  static final String MANAGED = "endpoints.coxswain.io/managed-by";
  static final String MANAGED_VALUE = "endpoints-controller";

  private final Client client;
  private final io.coxswain.registry.EventRecorder events;

  private EndpointsController(Client client, io.coxswain.registry.EventRecorder events) {
    this.client = client;
    this.events = events;
  }

  public static Behavior<Controller.Command> create(WatchCache cache, Client client, Duration resync, Clock clock) {
    EndpointsController controller = new EndpointsController(client,
        new io.coxswain.registry.EventRecorder(client, "endpoint-controller", null, clock));
    return Controller.create(Controller.Settings.of("endpoints", resync), cache, Controller.Reconciler.of(controller::reconcile,
        view -> view.list("services", null, null, 0, o -> true).items().stream().map(EndpointsController::keyOf)
            .toList()), List.of(
        Informer.forObjects("services", Service.class, EndpointsController::keyOf),
        Informer.forObjects("endpoints", Endpoints.class, EndpointsController::keyOf),
        Informer.of("pods", Pod.class, EndpointsController::podChanged)), clock);
  }

  /** The service key of an object of the same namespace and name (a service, its endpoints). */
  static ResourceKey keyOf(KubeObject object) {
    return new ResourceKey("services", object.metadata().namespace(), object.metadata().name());
  }

  /**
   * The services whose selector matched the pod before or matches it after. A change nothing in
   * an Endpoints depends on (most status updates) queues nothing, as in Kubernetes.
   */
  static void podChanged(Pod before, Pod after, CacheView view, Consumer<ResourceKey> enqueue) {
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
        enqueue.accept(keyOf(object));
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

  private CompletionStage<Controller.Result> reconcile(ResourceKey serviceKey, CacheView view) {
    ResourceKey key = new ResourceKey("endpoints", serviceKey.namespace(), serviceKey.name());
    KubeObject existing = view.get(key);
    Service service = (Service) view.get(serviceKey);
    if (service == null || service.spec().selector().isEmpty() || service.metadata().deletionTimestamp() != null) {
      if (service == null && existing != null
          && MANAGED_VALUE.equals(existing.metadata().annotationsOrEmpty().get(MANAGED))) {
        return done(client.delete(key, new Deletion.Options(null, null, existing.metadata().uid(),
            existing.metadata().resourceVersion())));
      }
      return Controller.Result.done();
    }
    List<Pod> candidates = candidates(view, service);
    List<EndpointSubset> subsets = EndpointsBuilder.subsets(service, candidates);
    // A named targetPort a selected pod lacks: the pod stays out; say so where `kubectl describe svc`
    // shows it (the recorder counts a repeat on the same event instead of adding one).
    for (String problem : EndpointsBuilder.unresolvedTargetPorts(service, candidates)) {
      events.warning(service, "FailedToResolveTargetPort", problem);
    }
    if (existing == null) {
      return done(client.create(Endpoints.of(ObjectMeta.named(serviceKey.namespace(), service.metadata().name())
          .withLabels(service.metadata().labels()).withAnnotations(Map.of(MANAGED, MANAGED_VALUE)), subsets)));
    }
    if (((Endpoints) existing).subsets().equals(subsets)) {
      return Controller.Result.done();
    }
    return done(client.update(key, Endpoints.class, current -> current.withSubsets(subsets)));
  }

  /** The pods that carry the selector's first label (the label index), in the service's namespace. */
  private static List<Pod> candidates(CacheView view, Service service) {
    Map.Entry<String, String> first = service.spec().selector().entrySet().iterator().next();
    return view.indexed(Indexes.LABEL, Indexes.label(service.metadata().namespace(), first.getKey(), first.getValue()))
        .stream().map(o -> (Pod) o).toList();
  }

  private static CompletionStage<Controller.Result> done(CompletionStage<?> write) {
    return Writes.all(List.of(write)).thenApply(ok -> Controller.Result.DONE);
  }
}
