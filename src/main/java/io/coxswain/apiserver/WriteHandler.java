package io.coxswain.apiserver;

import io.coxswain.store.Deletion;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResource;
import io.coxswain.api.Defaulting;
import io.coxswain.api.FieldValidation;
import io.coxswain.api.ManagedFieldsEntry;
import io.coxswain.apiserver.apply.ManagedFields;
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
    this.clock = java.time.Clock.systemUTC();
  }

  private final java.time.Clock clock;

  CompletionStage<ApiResponse> create(ApiRequest request) {
    RequestPath path = request.path();
    ApiResource resource = path.resource();
    if (resource.namespaced() && path.namespace() == null) {
      throw ApiException.methodNotAllowed("create of " + resource.name() + " needs a namespace: POST to "
          + "/api/v1/namespaces/{namespace}/" + resource.name());
    }
    List<String> warnings = new ArrayList<>();
    String manager = request.fieldManager("CreateOptions", false);
    KubeObject object = Bodies.decodeObject(request, resource, request.fieldValidation("CreateOptions"), warnings);
    Bodies.checkIdentity(path, object);
    KubeObject tracked = object.metadata().managedFields().isEmpty()
        ? track(resource, null, object, manager, null) : object;
    return registry.create(resource, path.namespace(), tracked, request.dryRun())
        .thenApply(created -> new ApiResponse.One(201, resource, created, warnings));
  }

  /** PUT of an object or of its status. A resourceVersion in the body makes it conditional. */
  CompletionStage<ApiResponse> update(ApiRequest request) {
    RequestPath path = request.path();
    List<String> warnings = new ArrayList<>();
    String manager = request.fieldManager("UpdateOptions", false);
    KubeObject body = Bodies.decodeObject(request, path.resource(), request.fieldValidation("UpdateOptions"),
        warnings);
    Bodies.checkIdentity(path, body);
    return modify(request, Registry.conditional(path.resource().name(), path.name(),
        body.metadata().resourceVersion(), current -> track(path.resource(), current, body, manager,
            path.subresource())), () -> warnings);
  }

  /** PATCH of an object or of its status, in any of the three patch formats, or a server-side apply. */
  CompletionStage<ApiResponse> patch(ApiRequest request) {
    RequestPath path = request.path();
    if (Patches.isApply(request.contentType())) {
      return apply(request);
    }
    if (request.param("force") != null) {
      throw ApiRequest.optionsInvalid("PatchOptions", "force", "FieldValueForbidden",
          "Forbidden: may not be specified for non-apply patch");
    }
    String manager = request.fieldManager("PatchOptions", false);
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
      KubeObject converted = Json.convert(patched, path.resource().type(), validation, found);
      Bodies.checkIdentity(path, converted); // a patch that renames or moves the object is 400, as Kubernetes' checkName
      KubeObject result = track(path.resource(), current, converted, manager, path.subresource());
      if (validation != FieldValidation.IGNORE) {
        found.addAll(0, duplicates);
      }
      warnings.set(found);
      return result;
    }, warnings::get);
  }

  /**
   * Server-side apply ({@code application/apply-patch+yaml}): the configuration is merged into the
   * object with field ownership ({@link ManagedFields#apply}); conflicts are 409 unless
   * {@code force=true}. An object that does not exist is created from the configuration.
   */
  private CompletionStage<ApiResponse> apply(ApiRequest request) {
    RequestPath path = request.path();
    ApiResource resource = path.resource();
    String manager = request.fieldManager("PatchOptions", true);
    boolean force = request.flag("force");
    if (path.subresource() != null) {
      throw ApiException.unsupportedMediaType("apply is served on the object itself, not on "
          + path.subresource());
    }
    if (request.body().length == 0) {
      throw ApiException.badRequest("the apply configuration is empty");
    }
    JsonNode raw = Json.decodeTree(request.body(), "application/yaml");
    Json.requireKind(raw, resource);
    if (!raw.hasNonNull("apiVersion") || !raw.hasNonNull("kind")) {
      throw ApiException.badRequest("invalid object type: apiVersion and kind must be set in an apply configuration");
    }
    // Read as the kind (strictly: apply always validates fields) and back, so values compare in
    // the stored form (canonical quantities, no empty lists).
    KubeObject typed = Json.convert(raw, resource.type(), FieldValidation.STRICT, null);
    Bodies.checkIdentity(path, typed);
    JsonNode config = Json.toTree(typed.withMetadata(typed.metadata().withName(path.name())));
    ManagedFields fields = fields(resource);
    String wantedRv = typed.metadata().resourceVersion();
    return registry.update(ReadHandler.key(path), current -> {
      if (wantedRv != null && !wantedRv.isEmpty() && !wantedRv.equals(current.metadata().resourceVersion())) {
        throw ApiException.conflict(resource.name(), path.name(),
            "the object has been modified; please apply your changes to the latest version and try again");
      }
      ManagedFields.Applied applied = fields.apply(Json.toTree(current), current.metadata().managedFields(), config,
          manager, force);
      KubeObject next = Json.convert(applied.object(), resource.type());
      return next.withMetadata(next.metadata().withManagedFields(applied.entries()));
    }, null, request.dryRun())
        .thenApply(written -> (ApiResponse) new ApiResponse.One(200, resource, written))
        .exceptionallyCompose(failure -> {
          ApiException error = io.coxswain.store.StoreClient.unwrap(failure);
          if (error.code() != 404) {
            return CompletableFuture.failedFuture(error);
          }
          ManagedFields.Applied applied = fields.apply(null, List.of(), config, manager, force);
          KubeObject created = Json.convert(applied.object(), resource.type());
          created = created.withMetadata(created.metadata().withManagedFields(applied.entries()));
          return registry.create(resource, path.namespace(), created, request.dryRun()).toCompletableFuture()
              .thenApply(done -> (ApiResponse) new ApiResponse.One(201, resource, done));
        });
  }

  private ManagedFields fields(ApiResource resource) {
    return new ManagedFields(resource.kind(), resource.apiVersion(), Patches.SCHEMA, Defaulting.now(clock));
  }

  /**
   * {@code next} with managedFields after {@code manager}'s write (a create when {@code current} is
   * null): Kubernetes keeps the stored entries when the client sends none, and takes the client's
   * when it sends some.
   */
  private KubeObject track(ApiResource resource, KubeObject current, KubeObject next, String manager,
      String subresource) {
    if ("finalize".equals(subresource)) {
      return next;
    }
    List<ManagedFieldsEntry> sent = next.metadata().managedFields();
    if (sent.size() == 1 && sent.get(0).equals(new ManagedFieldsEntry(null, null, null, null, null, null, null))) {
      // [{}] is how a client clears managedFields, as in Kubernetes.
      return next.withMetadata(next.metadata().withManagedFields(List.of()));
    }
    for (int i = 0; i < sent.size(); i++) {
      String operation = sent.get(i).operation();
      if (!ManagedFields.APPLY.equals(operation) && !ManagedFields.UPDATE.equals(operation)) {
        throw ApiException.invalid(next.kind(), next.metadata().name(), List.of(new io.coxswain.api.Status.StatusCause(
            "FieldValueNotSupported", "Unsupported value: \"" + operation + "\": supported values: \"Apply\", "
            + "\"Update\"", "metadata.managedFields[" + i + "].operation")));
      }
    }
    List<ManagedFieldsEntry> base = current == null || !next.metadata().managedFields().isEmpty()
        ? next.metadata().managedFields() : current.metadata().managedFields();
    List<ManagedFieldsEntry> entries = fields(resource).update(current == null ? null : Json.toTree(current),
        Json.toTree(next), base, manager, subresource);
    return next.withMetadata(next.metadata().withManagedFields(entries));
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
