package io.coxswain.apiserver;

import io.coxswain.store.Deletion;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResource;
import io.coxswain.api.Defaulting;
import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;
import io.coxswain.store.Change;
import io.coxswain.store.ResourceKey;
import io.coxswain.store.StoreClient;
import io.coxswain.store.StoreOp;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * POST, PUT, PATCH and DELETE on objects (and on their status). Every write follows Kubernetes'
 * order — decode, default, validate, then commit with optimistic concurrency — so an invalid
 * request changes nothing.
 */
final class WriteHandler {
  private static final int GENERATE_NAME_ATTEMPTS = 3;

  private final StoreClient store;
  private final Clock clock;
  private final Random random;
  private final ServiceAllocator serviceAllocator;

  WriteHandler(StoreClient store, Clock clock, Random random, ServiceAllocator serviceAllocator) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.serviceAllocator = serviceAllocator;
  }

  CompletionStage<ApiResponse> create(ApiRequest request) {
    RequestPath path = request.path();
    ApiResource resource = path.resource();
    if (resource.namespaced() && path.namespace() == null) {
      throw ApiException.methodNotAllowed("create of " + resource.name() + " needs a namespace: POST to "
          + "/api/v1/namespaces/{namespace}/" + resource.name());
    }
    KubeObject object = Bodies.decodeObject(request, resource);
    Bodies.checkIdentity(path, object);
    return create(request, resource, object, 1);
  }

  private CompletionStage<ApiResponse> create(ApiRequest request, ApiResource resource, KubeObject object, int attempt) {
    KubeObject prepared = Defaulting.applyCreateDefaults(object, request.path().namespace(), clock, random);
    Bodies.validateCreate(prepared);
    if (resource.name().equals("services")) {
      prepared = serviceAllocator.allocate(prepared, store.cache().view());
    }
    if (request.dryRun()) {
      return CompletableFuture.completedFuture(new ApiResponse.One(201, resource, prepared));
    }
    boolean generated = isEmpty(object.metadata().name()) && !isEmpty(object.metadata().generateName());
    return store.create(keyOf(resource, prepared), prepared)
        .<CompletionStage<ApiResponse>>handle((created, failure) -> {
          if (failure == null) {
            return CompletableFuture.completedFuture(new ApiResponse.One(201, resource, created));
          }
          ApiException error = StoreClient.unwrap(failure);
          if (generated && error.code() == 409 && attempt < GENERATE_NAME_ATTEMPTS) {
            return create(request, resource, object, attempt + 1);
          }
          throw error;
        })
        .thenCompose(x -> x);
  }

  /** PUT of an object or of its status. A resourceVersion in the body makes it conditional. */
  CompletionStage<ApiResponse> update(ApiRequest request) {
    RequestPath path = request.path();
    KubeObject body = Bodies.decodeObject(request, path.resource());
    Bodies.checkIdentity(path, body);
    String clientRv = body.metadata().resourceVersion();
    boolean conditional = !isEmpty(clientRv);
    return modify(request, current -> {
      if (conditional && !clientRv.equals(current.metadata().resourceVersion())) {
        throw ApiException.conflict(path.resource().name(), path.name(),
            "the object has been modified; please apply your changes to the latest version and try again");
      }
      return body;
    });
  }

  /** PATCH of an object or of its status, in any of the three patch formats. */
  CompletionStage<ApiResponse> patch(ApiRequest request) {
    RequestPath path = request.path();
    JsonNode patch = Patches.parse(request);
    return modify(request, current -> {
      JsonNode patched = Patches.apply(request.contentType(), Json.toTree(current), patch, current.kind());
      String patchedRv = patched.path("metadata").path("resourceVersion").asText("");
      if (!patchedRv.isEmpty() && !patchedRv.equals(current.metadata().resourceVersion())) {
        throw ApiException.conflict(path.resource().name(), path.name(),
            "the object has been modified; please apply your changes to the latest version and try again");
      }
      Json.requireKind(patched, path.resource());
      return Json.convert(patched, path.resource().type());
    });
  }

  /**
   * The shared read-modify-write of PUT and PATCH: {@code change} turns the stored object into the
   * requested one; strategy, validation and the finalizer rule decide what is written.
   */
  private CompletionStage<ApiResponse> modify(ApiRequest request, UnaryOperator<KubeObject> change) {
    RequestPath path = request.path();
    ApiResource resource = path.resource();
    ResourceKey key = ReadHandler.key(path);
    boolean status = "status".equals(path.subresource());
    return store.mutate(key, current -> {
      if (current == null) {
        throw ApiException.notFound(resource.kind(), resource.name(), path.name());
      }
      KubeObject requested = change.apply(current);
      KubeObject next = status
          ? ObjectStrategy.prepareForStatusUpdate(resource, current, requested)
          : ObjectStrategy.prepareForUpdate(resource, current, requested);
      Bodies.validateUpdate(current, next);
      if (request.dryRun() || sameContent(current, next)) {
        return null;
      }
      return Deletion.afterUpdate(key, next, current.metadata().resourceVersion());
    }).thenApply(written -> new ApiResponse.One(200, resource, written.object()));
  }

  CompletionStage<ApiResponse> delete(ApiRequest request) {
    RequestPath path = request.path();
    ApiResource resource = path.resource();
    Deletion.Options options = DeleteOptions.parse(request);
    ResourceKey key = ReadHandler.key(path);
    if (resource.name().equals("namespaces")) {
      return NamespaceDeletion.delete(store, key, options, clock).thenApply(o -> new ApiResponse.One(200, resource, o));
    }
    return store.mutate(key, current -> {
      if (current == null) {
        throw ApiException.notFound(resource.kind(), resource.name(), path.name());
      }
      StoreOp op = Deletion.decide(key, current, options, clock);
      return request.dryRun() ? null : op;
    }).thenApply(done -> new ApiResponse.One(200, resource, done.object()));
  }

  /** DELETE on a collection: deletes what the selectors match, one by one, as Kubernetes does. */
  CompletionStage<ApiResponse> deleteCollection(ApiRequest request, ReadHandler reads) {
    ApiResponse.Many matching = (ApiResponse.Many) reads.list(request);
    Deletion.Options options = DeleteOptions.parse(request);
    java.util.List<CompletableFuture<KubeObject>> deletions = new java.util.ArrayList<>();
    for (KubeObject object : matching.items()) {
      ResourceKey key = keyOf(matching.resource(), object);
      deletions.add(store.mutate(key, current -> current == null || request.dryRun() ? null
              : Deletion.decide(key, current, options, clock))
          .thenApply(Change::object).toCompletableFuture());
    }
    return CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new)).thenApply(done ->
        new ApiResponse.Many(matching.resource(),
            deletions.stream().map(CompletableFuture::join).filter(java.util.Objects::nonNull).toList(),
            store.cache().view().revision(), null));
  }

  private static boolean sameContent(KubeObject current, KubeObject next) {
    return current.equals(next.withMetadata(next.metadata().withResourceVersion(current.metadata().resourceVersion())));
  }

  static ResourceKey keyOf(ApiResource resource, KubeObject object) {
    return new ResourceKey(resource.name(), resource.namespaced() ? object.metadata().namespace() : "",
        object.metadata().name());
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }
}
