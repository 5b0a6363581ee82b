package io.coxswain.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResources;
import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import io.coxswain.api.Status;
import io.coxswain.api.core.Binding;
import io.coxswain.api.core.ReplicationController;
import io.coxswain.api.core.Scale;
import io.coxswain.api.selector.LabelSelector;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.registry.Registry;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The subresources that are views of another object: {@code replicationcontrollers/scale}
 * (autoscaling/v1 Scale over spec.replicas) and {@code pods/binding} (sets spec.nodeName once).
 */
final class SubresourceHandler {
  private final Registry registry;
  private final StoreClient store;

  SubresourceHandler(Registry registry) {
    this.registry = registry;
    this.store = registry.store();
  }

  ApiResponse getScale(ApiRequest request) {
    KubeObject rc = store.cache().view().get(ReadHandler.key(request.path()));
    if (rc == null) {
      throw ApiException.notFound("ReplicationController", "replicationcontrollers", request.path().name());
    }
    return new ApiResponse.One(200, ApiResources.SCALE, scaleOf((ReplicationController) rc));
  }

  CompletionStage<ApiResponse> updateScale(ApiRequest request) {
    List<String> warnings = new java.util.ArrayList<>();
    Scale body = Bodies.decode(request, ApiResources.SCALE, Scale.class, request.fieldValidation("UpdateOptions"),
        warnings);
    return changeScale(request, current -> body, warnings);
  }

  CompletionStage<ApiResponse> patchScale(ApiRequest request) {
    JsonNode patch = Patches.parse(request);
    io.coxswain.api.FieldValidation validation = request.fieldValidation("PatchOptions");
    List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    return changeScale(request, current -> {
      JsonNode patched = Patches.apply(request.contentType(), Json.toTree(current), patch, "Scale");
      warnings.clear();
      return Json.convert(patched, Scale.class, validation, warnings);
    }, warnings);
  }

  private CompletionStage<ApiResponse> changeScale(ApiRequest request, UnaryOperator<Scale> change,
      List<String> warnings) {
    ResourceKey key = ReadHandler.key(request.path());
    // The scale is a view of the RC's spec: its change is an update of the RC, through the registry.
    return registry.update(key, current -> {
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
      return rc.withSpec(rc.spec().withReplicas(replicas));
    }, false, request.dryRun()).thenApply(done -> new ApiResponse.One(200, ApiResources.SCALE,
        scaleOf((ReplicationController) done), warnings));
  }

  static Scale scaleOf(ReplicationController rc) {
    ObjectMeta m = rc.metadata();
    ObjectMeta meta = new ObjectMeta(m.name(), null, m.namespace(), m.uid(), m.resourceVersion(), null,
        m.creationTimestamp(), null, null, null, null, null, null, null, null);
    Integer statusReplicas = rc.status() == null || rc.status().replicas() == null ? 0 : rc.status().replicas();
    String selector = LabelSelector.fromMap(rc.spec().selector()).toString();
    return Scale.of(meta, rc.spec().replicas(), statusReplicas, selector);
  }

  /** POST pods/NAME/binding: assigns the pod to a node, once; the scheduler's only write. */
  CompletionStage<ApiResponse> bind(ApiRequest request) {
    Binding binding = Bodies.decode(request, ApiResources.BINDING, Binding.class,
        request.fieldValidation("CreateOptions"), null);
    String node = binding.target() == null ? null : binding.target().name();
    if (node == null || node.isEmpty()) {
      throw ApiException.invalid("Binding", request.path().name(), List.of(
          new Status.StatusCause("FieldValueRequired", "Required value", "target.name")));
    }
    ResourceKey key = ReadHandler.key(request.path());
    String uid = binding.metadata() == null ? null : binding.metadata().uid();
    return registry.bind(key, uid == null || uid.isEmpty() ? null : uid, node).thenApply(done -> ApiResponse.status(new Status("v1", "Status", java.util.Map.of(), "Success", null, null,
        null, 201)));
  }
}
