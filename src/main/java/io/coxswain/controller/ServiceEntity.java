package io.coxswain.controller;

import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.core.EndpointSubset;
import io.coxswain.api.core.Endpoints;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.Service;
import io.coxswain.api.discovery.EndpointSlice;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One Service as a sharded {@link ReconcilerEntity} (id {@code ns/name}): keeps its v1 Endpoints
 * (same name, {@link EndpointsBuilder}) and its {@code discovery.k8s.io/v1} EndpointSlices
 * ({@link EndpointSliceBuilder}) equal to what the pods its selector matches say — Kubernetes'
 * endpoints and endpoint slice controllers for one Service. A Service without a selector keeps
 * user-made Endpoints untouched and gets them mirrored into slices (Kubernetes' endpoint slice
 * mirroring controller), so the service proxy, which reads slices, serves them too. When the
 * Service is gone, the Endpoints and slices made for it go too, and the entity passivates.
 */
public final class ServiceEntity {
  public static final EntityTypeKey<ReconcilerEntity.Command> TYPE =
      EntityTypeKey.create(ReconcilerEntity.Command.class, "Service");

  /** Marks the Endpoints this controller owns (selector-less services keep user-made ones). */
  static final String MANAGED = "endpoints.coxswain.io/managed-by";
  static final String MANAGED_VALUE = "endpoints-controller";

  private final Client client;
  private final EventRecorder events;

  private ServiceEntity(Client client, EventRecorder events) {
    this.client = client;
    this.events = events;
  }

  /** @param passivate as {@link ReconcilerEntity#create} */
  public static Behavior<ReconcilerEntity.Command> create(String entityId, WatchCache cache, Client client,
      Clock clock, Runnable passivate) {
    ServiceEntity entity = new ServiceEntity(client, new EventRecorder(client, "endpoint-controller", null, clock));
    return ReconcilerEntity.create("services", entityId, cache, entity::reconcile, passivate);
  }

  private CompletionStage<ReconcilerEntity.Result> reconcile(ResourceKey serviceKey, CacheView view) {
    Service service = (Service) view.get(serviceKey);
    List<CompletionStage<?>> writes = new ArrayList<>();
    if (service == null) {
      cleanUp(serviceKey, view, writes);
      return Writes.all(writes).thenApply(done -> ReconcilerEntity.Result.GONE);
    }
    if (service.metadata().deletionTimestamp() != null) {
      return CompletableFuture.completedFuture(ReconcilerEntity.Result.DONE);
    }
    String namespace = serviceKey.namespace();
    String name = serviceKey.name();
    List<EndpointSliceBuilder.Content> selected = List.of();
    List<EndpointSliceBuilder.Content> mirrored = List.of();
    Endpoints endpoints = view.get(new ResourceKey("endpoints", namespace, name)) instanceof Endpoints e ? e : null;
    if (!service.spec().selector().isEmpty()) {
      List<Pod> candidates = candidates(view, service);
      syncEndpoints(serviceKey, service, candidates, endpoints, writes);
      selected = EndpointSliceBuilder.desired(service, candidates);
    } else if (endpoints != null && EndpointSliceBuilder.mirrors(endpoints)) {
      mirrored = EndpointSliceBuilder.mirrored(endpoints);
    }
    // The slice controller's slices for a Service with a selector; the mirroring controller's for one without.
    apply(EndpointSliceBuilder.plan(namespace, name, EndpointSliceBuilder.labels(service),
        EndpointSliceBuilder.owner(service), selected,
        managedSlices(view, namespace, name, EndpointSliceBuilder.MANAGED_BY)), writes);
    if (endpoints != null || !mirrored.isEmpty()) {
      apply(EndpointSliceBuilder.plan(namespace, name, endpoints == null ? Map.of()
              : EndpointSliceBuilder.mirrorLabels(endpoints), endpoints == null ? null
              : EndpointSliceBuilder.owner(endpoints), mirrored,
          managedSlices(view, namespace, name, EndpointSliceBuilder.MIRRORED_BY)), writes);
    } else {
      managedSlices(view, namespace, name, EndpointSliceBuilder.MIRRORED_BY).forEach(x -> writes.add(deleteIfSame(x)));
    }
    return Writes.all(writes).thenApply(done -> ReconcilerEntity.Result.DONE);
  }

  private void syncEndpoints(ResourceKey serviceKey, Service service, List<Pod> candidates, Endpoints existing,
      List<CompletionStage<?>> writes) {
    ResourceKey key = new ResourceKey("endpoints", serviceKey.namespace(), serviceKey.name());
    List<EndpointSubset> subsets = EndpointsBuilder.subsets(service, candidates);
    // A named targetPort a selected pod lacks: the pod stays out; say so where `kubectl describe svc`
    // shows it (the recorder counts a repeat on the same event instead of adding one).
    for (String problem : EndpointsBuilder.unresolvedTargetPorts(service, candidates)) {
      events.warning(service, "FailedToResolveTargetPort", problem);
    }
    // Kubernetes' endpoints controller labels its Endpoints skip-mirror: their slices are the slice controller's.
    Map<String, String> labels = new java.util.LinkedHashMap<>(service.metadata().labelsOrEmpty());
    labels.put(EndpointSliceBuilder.SKIP_MIRROR_LABEL, "true");
    // ...and marks a headless Service's, as it marks their slices.
    if ("None".equals(service.spec().clusterIP())) {
      labels.put(EndpointSliceBuilder.HEADLESS_LABEL, "");
    } else {
      labels.remove(EndpointSliceBuilder.HEADLESS_LABEL);
    }
    if (existing == null) {
      writes.add(client.create(Endpoints.of(ObjectMeta.named(serviceKey.namespace(), service.metadata().name())
          .withLabels(labels).withAnnotations(Map.of(MANAGED, MANAGED_VALUE)), subsets)));
    } else if (!existing.subsets().equals(subsets) || !labels.equals(existing.metadata().labelsOrEmpty())) {
      writes.add(client.update(key, Endpoints.class, current -> current.withSubsets(subsets)
          .withMetadata(current.metadata().withLabels(labels))));
    }
  }

  private void apply(List<EndpointSliceBuilder.Write> plan, List<CompletionStage<?>> writes) {
    for (EndpointSliceBuilder.Write write : plan) {
      if (write instanceof EndpointSliceBuilder.Create create) {
        writes.add(client.create(create.slice()));
      } else if (write instanceof EndpointSliceBuilder.Update update) {
        writes.add(client.update(sliceKey(update.current()), EndpointSlice.class, c -> c
            .withEndpoints(update.content().endpoints(), update.content().ports())
            .withMetadata(c.metadata().withLabels(update.labels()))));
      } else if (write instanceof EndpointSliceBuilder.Delete delete) {
        writes.add(deleteIfSame(delete.current()));
      }
    }
  }

  /** The Endpoints and slices this controller made for a Service that is gone. */
  private void cleanUp(ResourceKey serviceKey, CacheView view, List<CompletionStage<?>> writes) {
    KubeObject endpoints = view.get(new ResourceKey("endpoints", serviceKey.namespace(), serviceKey.name()));
    if (endpoints != null && MANAGED_VALUE.equals(endpoints.metadata().annotationsOrEmpty().get(MANAGED))) {
      writes.add(deleteIfSame(endpoints));
    }
    for (String managedBy : List.of(EndpointSliceBuilder.MANAGED_BY, EndpointSliceBuilder.MIRRORED_BY)) {
      managedSlices(view, serviceKey.namespace(), serviceKey.name(), managedBy).forEach(x -> writes.add(deleteIfSame(x)));
    }
  }

  private CompletionStage<?> deleteIfSame(KubeObject object) {
    ResourceKey key = object instanceof EndpointSlice slice ? sliceKey(slice)
        : new ResourceKey("endpoints", object.metadata().namespace(), object.metadata().name());
    return client.delete(key, new Deletion.Options(null, null, object.metadata().uid(),
        object.metadata().resourceVersion()));
  }

  private static ResourceKey sliceKey(EndpointSlice slice) {
    return new ResourceKey("endpointslices", slice.metadata().namespace(), slice.metadata().name());
  }

  static List<EndpointSlice> managedSlices(CacheView view, String namespace, String service, String managedBy) {
    return view.indexed(Indexes.SERVICE_NAME, Indexes.service(namespace, service)).stream()
        .filter(o -> EndpointSliceBuilder.managedFor(o, service, managedBy)).map(o -> (EndpointSlice) o).toList();
  }

  /** The pods that carry the selector's first label (the label index), in the service's namespace. */
  private static List<Pod> candidates(CacheView view, Service service) {
    Map.Entry<String, String> first = service.spec().selector().entrySet().iterator().next();
    return view.indexed(Indexes.LABEL, Indexes.label(service.metadata().namespace(), first.getKey(), first.getValue()))
        .stream().map(o -> (Pod) o).toList();
  }
}
