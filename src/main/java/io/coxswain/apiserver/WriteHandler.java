package io.coxswain.apiserver;

import io.coxswain.store.Deletion;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResource;
import io.coxswain.api.FieldValidation;
import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * POST, PUT, PATCH and DELETE on objects (and on their status): HTTP decoding in front of the
 * {@link Registry}, which applies each kind's strategy in Kubernetes' order — default, validate,
 * then commit with optimistic concurrency — so an invalid request changes nothing.
 */
final class WriteHandler {
  private final Registry registry;
  private final StoreClient store;

  WriteHandler(Registry registry) {
    this.registry = registry;
    this.store = registry.store();
  }

  CompletionStage<ApiResponse> create(ApiRequest request) {
    RequestPath path = request.path();
    ApiResource resource = path.resource();
    if (resource.namespaced() && path.namespace() == null) {
      throw ApiException.methodNotAllowed("create of " + resource.name() + " needs a namespace: POST to "
          + "/api/v1/namespaces/{namespace}/" + resource.name());
    }
    List<String> warnings = new ArrayList<>();
    KubeObject object = Bodies.decodeObject(request, resource, request.fieldValidation("CreateOptions"), warnings);
    Bodies.checkIdentity(path, object);
    return registry.create(resource, path.namespace(), object, request.dryRun())
        .thenApply(created -> new ApiResponse.One(201, resource, created, warnings));
  }

  /** PUT of an object or of its status. A resourceVersion in the body makes it conditional. */
  CompletionStage<ApiResponse> update(ApiRequest request) {
    RequestPath path = request.path();
    List<String> warnings = new ArrayList<>();
    KubeObject body = Bodies.decodeObject(request, path.resource(), request.fieldValidation("UpdateOptions"),
        warnings);
    Bodies.checkIdentity(path, body);
    return modify(request, Registry.conditional(path.resource().name(), path.name(),
        body.metadata().resourceVersion(), current -> body), () -> warnings);
  }

  /** PATCH of an object or of its status, in any of the three patch formats. */
  CompletionStage<ApiResponse> patch(ApiRequest request) {
    RequestPath path = request.path();
    JsonNode patch = Patches.parse(request);
    FieldValidation validation = request.fieldValidation("PatchOptions");
    List<String> duplicates = Json.duplicateFields(request.body(), "application/json");
    if (!duplicates.isEmpty() && validation == FieldValidation.STRICT) {
      throw ApiException.badRequest("strict decoding error: " + String.join(", ", duplicates));
    }
    // The change may run again after a conflict; the warnings are those of its last run.
    AtomicReference<List<String>> warnings = new AtomicReference<>(List.of());
    return modify(request, current -> {
      JsonNode patched = Patches.apply(request.contentType(), Json.toTree(current), patch, current.kind());
      String patchedRv = patched.path("metadata").path("resourceVersion").asText("");
      if (!patchedRv.isEmpty() && !patchedRv.equals(current.metadata().resourceVersion())) {
        throw ApiException.conflict(path.resource().name(), path.name(),
            "the object has been modified; please apply your changes to the latest version and try again");
      }
      Json.requireKind(patched, path.resource());
      List<String> found = new ArrayList<>();
      KubeObject result = Json.convert(patched, path.resource().type(), validation, found);
      if (validation != FieldValidation.IGNORE) {
        found.addAll(0, duplicates);
      }
      warnings.set(found);
      return result;
    }, warnings::get);
  }

  /** The shared read-modify-write of PUT and PATCH, on the object or its status. */
  private CompletionStage<ApiResponse> modify(ApiRequest request, UnaryOperator<KubeObject> change,
      Supplier<List<String>> warnings) {
    RequestPath path = request.path();
    return registry.update(ReadHandler.key(path), change, path.subresource(), request.dryRun())
        .thenApply(written -> new ApiResponse.One(200, path.resource(), written, warnings.get()));
  }

  CompletionStage<ApiResponse> delete(ApiRequest request) {
    RequestPath path = request.path();
    DeleteOptions delete = DeleteOptions.parse(request);
    return registry.delete(ReadHandler.key(path), delete.options(), delete.dryRun())
        .thenApply(deleted -> new ApiResponse.One(200, path.resource(), deleted));
  }

  /** DELETE on a collection: deletes what the selectors match, one by one, as Kubernetes does. */
  CompletionStage<ApiResponse> deleteCollection(ApiRequest request, ReadHandler reads) {
    DeleteOptions delete = DeleteOptions.parse(request);
    Deletion.Options options = delete.options();
    ApiResponse.Many matching = (ApiResponse.Many) reads.list(request);
    java.util.List<CompletableFuture<KubeObject>> deletions = new java.util.ArrayList<>();
    for (KubeObject object : matching.items()) {
      ResourceKey key = Registry.keyOf(matching.resource(), object);
      // An object gone meanwhile is simply not in the answer.
      deletions.add(registry.delete(key, options, delete.dryRun()).toCompletableFuture()
          .exceptionally(failure -> {
            if (StoreClient.unwrap(failure).code() == 404) {
              return null;
            }
            throw new java.util.concurrent.CompletionException(StoreClient.unwrap(failure));
          }));
    }
    return CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new)).thenApply(done ->
        new ApiResponse.Many(matching.resource(),
            deletions.stream().map(CompletableFuture::join).filter(java.util.Objects::nonNull).toList(),
            store.cache().view().revision(), null));
  }
}
