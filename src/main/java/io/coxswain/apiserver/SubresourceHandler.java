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
 * The subresources that are views of another object: {@code replicationcontrollers/scale},
 * {@code replicasets/scale} and {@code deployments/scale}
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
    KubeObject scaled = store.cache().view().get(ReadHandler.key(request.path()));
    if (scaled == null) {
      throw ApiException.notFound(request.path().resource().kind(), request.path().resource().name(),
          request.path().name());
    }
    return new ApiResponse.One(200, ApiResources.SCALE, scaleOf(scaled));
  }

  CompletionStage<ApiResponse> updateScale(ApiRequest request) {
    List<String> warnings = new java.util.ArrayList<>();
    Scale body = Bodies.decode(request, ApiResources.SCALE, Scale.class, request.fieldValidation("UpdateOptions"),
        warnings);
    Bodies.checkIdentity(request.path(), body); // a Scale naming another object is refused, as any PUT
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
    // The scale is a view of the object's spec: its change is an update of the object, through the registry.
    return registry.update(key, current -> {
      Scale wanted = change.apply(scaleOf(current));
      String rv = wanted.metadata().resourceVersion();
      if (rv != null && !rv.isEmpty() && !rv.equals(current.metadata().resourceVersion())) {
        throw ApiException.conflict(key.resource(), key.name(),
            "the object has been modified; please apply your changes to the latest version and try again");
      }
      Integer replicas = wanted.spec() == null ? null : wanted.spec().replicas();
      if (replicas == null || replicas < 0) {
        throw ApiException.invalid("Scale", key.name(), List.of(new Status.StatusCause("FieldValueInvalid",
            "Invalid value: " + replicas + ": must be greater than or equal to 0", "spec.replicas")));
      }
      return withReplicas(current, replicas);
    }, false, request.dryRun()).thenApply(done -> new ApiResponse.One(200, ApiResources.SCALE,
        scaleOf(done), warnings));
  }

  /**
   * The autoscaling/v1 Scale of a ReplicationController, ReplicaSet or Deployment: spec.replicas,
   * status.replicas, and the selector in its string form ({@code app=web,tier in (a,b)}).
   */
  static Scale scaleOf(KubeObject object) {
    ObjectMeta m = object.metadata();
    ObjectMeta meta = new ObjectMeta(m.name(), null, m.namespace(), m.uid(), m.resourceVersion(), null,
        m.creationTimestamp(), null, null, null, null, null, null, null, null);
    if (object instanceof ReplicationController rc) {
      Integer statusReplicas = rc.status() == null || rc.status().replicas() == null ? 0 : rc.status().replicas();
      return Scale.of(meta, rc.spec().replicas(), statusReplicas, LabelSelector.fromMap(rc.spec().selector()).toString());
    }
    if (object instanceof io.coxswain.api.apps.ReplicaSet rs) {
      return Scale.of(meta, rs.spec().replicas(), rs.statusOrEmpty().replicasOrZero(), selector(rs.spec().selector()));
    }
    io.coxswain.api.apps.Deployment d = (io.coxswain.api.apps.Deployment) object;
    Integer statusReplicas = d.statusOrEmpty().replicas() == null ? 0 : d.statusOrEmpty().replicas();
    return Scale.of(meta, d.spec().replicas(), statusReplicas, selector(d.spec().selector()));
  }

  private static String selector(io.coxswain.api.LabelSelector selector) {
    LabelSelector parsed = io.coxswain.api.selector.ApiSelectors.of(selector);
    return parsed == null ? "" : parsed.toString();
  }

  private static KubeObject withReplicas(KubeObject object, int replicas) {
    if (object instanceof ReplicationController rc) {
      return rc.withSpec(rc.spec().withReplicas(replicas));
    }
    if (object instanceof io.coxswain.api.apps.ReplicaSet rs) {
      return rs.withSpec(rs.spec().withReplicas(replicas));
    }
    io.coxswain.api.apps.Deployment d = (io.coxswain.api.apps.Deployment) object;
    return d.withSpec(d.spec().withReplicas(replicas));
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
