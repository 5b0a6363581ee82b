package io.coxswain.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResources;
import io.coxswain.api.Defaulting;
import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.PodScheduling;
import io.coxswain.api.Status;
import io.coxswain.api.core.Binding;
import io.coxswain.api.core.Pod;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.Scale;
import io.coxswain.api.selector.LabelSelector;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreOp;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The subresources that are views of another object: {@code replicationcontrollers/scale}
 * (autoscaling/v1 Scale over spec.replicas) and {@code pods/binding} (sets spec.nodeName once).
 */
final class SubresourceHandler {
  private final StoreClient store;
  private final Clock clock;

  SubresourceHandler(StoreClient store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  ApiResponse getScale(ApiRequest request) {
    KubeObject rc = store.cache().view().get(ReadHandler.key(request.path()));
    if (rc == null) {
      throw ApiException.notFound("ReplicationController", "replicationcontrollers", request.path().name());
    }
    return new ApiResponse.One(200, ApiResources.SCALE, scaleOf((ReplicationController) rc));
  }

  CompletionStage<ApiResponse> updateScale(ApiRequest request) {
    Scale body = Bodies.decode(request, ApiResources.SCALE, Scale.class);
    return changeScale(request, current -> body);
  }

  CompletionStage<ApiResponse> patchScale(ApiRequest request) {
    JsonNode patch = Patches.parse(request);
    return changeScale(request, current -> {
      JsonNode patched = Patches.apply(request.contentType(), Json.toTree(current), patch, "Scale");
      return Json.convert(patched, Scale.class);
    });
  }

  private CompletionStage<ApiResponse> changeScale(ApiRequest request, UnaryOperator<Scale> change) {
    ResourceKey key = ReadHandler.key(request.path());
    return store.mutate(key, current -> {
      if (current == null) {
        throw ApiException.notFound("ReplicationController", "replicationcontrollers", key.name());
      }
      ReplicationController rc = (ReplicationController) current;
      Scale wanted = change.apply(scaleOf(rc));
      String rv = wanted.metadata().resourceVersion();
      if (rv != null && !rv.isEmpty() && !rv.equals(rc.metadata().resourceVersion())) {
        throw ApiException.conflict("replicationcontrollers", key.name(),
            "the object has been modified; please apply your changes to the latest version and try again");
      }
      Integer replicas = wanted.spec() == null ? null : wanted.spec().replicas();
      if (replicas == null || replicas < 0) {
        throw ApiException.invalid("Scale", key.name(), List.of(new Status.StatusCause("FieldValueInvalid",
            "Invalid value: " + replicas + ": must be greater than or equal to 0", "spec.replicas")));
      }
      ReplicationController next = (ReplicationController) Defaulting.applyUpdateDefaults(rc,
          rc.withSpec(rc.spec().withReplicas(replicas)));
      return next.equals(rc) || request.dryRun() ? null
          : new StoreOp.Update(key, next, rc.metadata().resourceVersion());
    }).thenApply(done -> new ApiResponse.One(200, ApiResources.SCALE, scaleOf((ReplicationController) done.object())));
  }

  static Scale scaleOf(ReplicationController rc) {
    ObjectMeta m = rc.metadata();
    ObjectMeta meta = new ObjectMeta(m.name(), null, m.namespace(), m.uid(), m.resourceVersion(), null,
        m.creationTimestamp(), null, null, null, null, null, null);
    Integer statusReplicas = rc.status() == null || rc.status().replicas() == null ? 0 : rc.status().replicas();
    String selector = LabelSelector.fromMap(rc.spec().selector()).toString();
    return Scale.of(meta, rc.spec().replicas(), statusReplicas, selector);
  }

  /** POST pods/NAME/binding: assigns the pod to a node, once; the scheduler's only write. */
  CompletionStage<ApiResponse> bind(ApiRequest request) {
    Binding binding = Bodies.decode(request, ApiResources.BINDING, Binding.class);
    String node = binding.target() == null ? null : binding.target().name();
    if (node == null || node.isEmpty()) {
      throw ApiException.invalid("Binding", request.path().name(), List.of(
          new Status.StatusCause("FieldValueRequired", "Required value", "target.name")));
    }
    ResourceKey key = ReadHandler.key(request.path());
    return store.mutate(key, current -> {
      if (current == null) {
        throw ApiException.notFound("Pod", "pods", key.name());
      }
      Pod pod = (Pod) current;
      if (pod.metadata().deletionTimestamp() != null) {
        throw ApiException.conflict("pods", key.name(), "pod is being deleted, cannot be assigned to a host");
      }
      if (pod.spec().nodeName() != null && !pod.spec().nodeName().isEmpty()) {
        throw ApiException.conflict("pods/binding", key.name(),
            "pod " + key.name() + " is already assigned to node \"" + pod.spec().nodeName() + "\"");
      }
      Pod bound = PodScheduling.bound(pod, node, Defaulting.now(clock));
      return new StoreOp.Update(key, bound, pod.metadata().resourceVersion());
    }).thenApply(done -> ApiResponse.status(new Status("v1", "Status", java.util.Map.of(), "Success", null, null,
        null, 201)));
  }
}
