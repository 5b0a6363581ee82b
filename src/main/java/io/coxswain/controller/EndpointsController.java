package io.coxswain.controller;

import io.coxswain.api.Defaulting;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.EndpointSubset;
import io.coxswain.api.core.Endpoints;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Service;
import io.coxswain.store.CacheView;
import io.coxswain.store.ControllerLoop;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreOp;
import io.coxswain.store.WriteFailures;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.Behavior;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each selector Service's Endpoints object (same name) equal to what {@link EndpointsBuilder}
 * computes from the pods: the address list the service proxy balances over.
 */
public final class EndpointsController {
  private static final Logger log = LoggerFactory.getLogger(EndpointsController.class);
  /** Marks the Endpoints this controller owns (selector-less services keep user-made ones). */
  static final String MANAGED = "endpoints.coxswain.io/managed-by";
  static final String MANAGED_VALUE = "endpoints-controller";

  private EndpointsController() {}

  public static Behavior<Object> create(StoreClient store, Duration period, Clock clock) {
    Random random = new Random();
    return ControllerLoop.create("endpoints", store, period, view -> pass(store, view, clock, random));
  }

  static List<CompletableFuture<?>> pass(StoreClient store, CacheView view, Clock clock, Random random) {
    // Pods are read only for namespaces that have a service with a selector: a cluster's pods
    // mostly live where no service looks at them, and a pass runs on every change.
    Map<String, List<Pod>> podsByNamespace = new HashMap<>();
    List<CompletableFuture<?>> writes = new ArrayList<>();
    // Endpoints this controller made for a service that is gone go with it.
    for (KubeObject object : view.list("endpoints", null, null, 0, o -> true).items()) {
      ResourceKey service = new ResourceKey("services", object.metadata().namespace(), object.metadata().name());
      if (MANAGED_VALUE.equals(object.metadata().annotationsOrEmpty().get(MANAGED)) && view.get(service) == null) {
        ResourceKey key = new ResourceKey("endpoints", object.metadata().namespace(), object.metadata().name());
        writes.add(WriteFailures.logged(
            store.write(new StoreOp.Delete(key, object.metadata().resourceVersion(), object.metadata().uid())),
            log, "delete endpoints of a removed service", key));
      }
    }
    for (KubeObject object : view.list("services", null, null, 0, o -> true).items()) {
      Service service = (Service) object;
      if (service.spec().selector().isEmpty() || service.metadata().deletionTimestamp() != null) {
        continue;
      }
      String ns = service.metadata().namespace();
      List<Pod> pods = podsByNamespace.computeIfAbsent(ns, n -> view.list("pods", n, null, 0, o -> true).items().stream()
          .map(o -> (Pod) o).toList());
      List<EndpointSubset> subsets = EndpointsBuilder.subsets(service, pods);
      ResourceKey key = new ResourceKey("endpoints", ns, service.metadata().name());
      KubeObject existing = view.get(key);
      if (existing == null) {
        Endpoints created = (Endpoints) Defaulting.applyCreateDefaults(Endpoints.of(
            ObjectMeta.named(ns, service.metadata().name()).withLabels(service.metadata().labels())
                .withAnnotations(Map.of(MANAGED, MANAGED_VALUE)), subsets),
            ns, clock, random);
        writes.add(WriteFailures.logged(store.create(key, created), log, "create endpoints", key));
      } else if (!((Endpoints) existing).subsets().equals(subsets)) {
        writes.add(WriteFailures.logged(store.mutate(key, current -> current == null ? null
                : new StoreOp.Update(key, ((Endpoints) current).withSubsets(subsets), current.metadata().resourceVersion())),
            log, "update endpoints", key));
      }
    }
    return writes;
  }
}
