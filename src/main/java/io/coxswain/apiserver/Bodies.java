package io.coxswain.apiserver;

import io.coxswain.api.ApiException;
import io.coxswain.api.ApiResource;
import io.coxswain.api.FieldValidation;
import io.coxswain.api.Json;
import io.coxswain.api.KubeObject;
import io.coxswain.api.Status.StatusCause;
import io.coxswain.api.validation.Validation;
import java.util.List;

/** Decoding and checking request bodies: the shared first steps of every write. */
final class Bodies {
  private Bodies() {}

  /** The body as an object of {@code resource}: 400 when malformed, of another kind, or of wrong types. */
  static <T> T decode(ApiRequest request, ApiResource resource, Class<T> type) {
    return decode(request, resource, type, FieldValidation.IGNORE, null);
  }

  /**
   * As {@link #decode(ApiRequest, ApiResource, Class)}, with unknown and duplicate fields handled as
   * {@code validation} says: warnings go to {@code warnings}, Strict refuses with 400.
   */
  static <T> T decode(ApiRequest request, ApiResource resource, Class<T> type, FieldValidation validation,
      List<String> warnings) {
    if (request.body().length == 0) {
      throw ApiException.badRequest("the request body is empty; a " + resource.kind() + " object is required");
    }
    if (ProtobufBodies.isProtobuf(request.contentType())) {
      T value = Json.convert(ProtobufBodies.toJson(request.body()), type);
      if (value instanceof KubeObject object) {
        requireKind(object, resource);
      }
      return value;
    }
    String base = MediaTypes.baseType(request.contentType());
    if (!base.equals("application/json") && !Json.isYaml(base)) {
      throw ApiException.unsupportedMediaType("the body of the request was in an unknown format - accepted media types "
          + "include: application/json, application/yaml, application/vnd.kubernetes.protobuf");
    }
    // Straight from bytes to the record: one pass, no intermediate tree on the hot path.
    T value = Json.decode(request.body(), request.contentType(), type, validation, warnings);
    if (value instanceof KubeObject object) {
      requireKind(object, resource);
    }
    return value;
  }

  /** A body meant for another kind or version is refused (the records default only absent fields). */
  private static void requireKind(KubeObject object, ApiResource resource) {
    if (!resource.kind().equals(object.kind())) {
      throw ApiException.badRequest("the kind in the data (" + object.kind()
          + ") does not match the expected kind (" + resource.kind() + ")");
    }
    String expected = io.coxswain.api.ApiResources.apiVersionOf(resource);
    if (!expected.equals(object.apiVersion())) {
      throw ApiException.badRequest("the API version in the data (" + object.apiVersion()
          + ") does not match the expected API version (" + expected + ")");
    }
  }

  static KubeObject decodeObject(ApiRequest request, ApiResource resource, FieldValidation validation,
      List<String> warnings) {
    return decode(request, resource, resource.type(), validation, warnings);
  }

  /** The path's name and namespace win only when the body agrees with them (or leaves them out). */
  static void checkIdentity(RequestPath path, KubeObject object) {
    String bodyNamespace = object.metadata().namespace();
    if (path.namespace() != null && bodyNamespace != null && !bodyNamespace.isEmpty()
        && !bodyNamespace.equals(path.namespace())) {
      throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the "
          + "request");
    }
    String bodyName = object.metadata().name();
    if (path.name() != null && bodyName != null && !bodyName.isEmpty() && !bodyName.equals(path.name())) {
      throw ApiException.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL ("
          + path.name() + ")");
    }
  }

  static void validateCreate(KubeObject object) {
    throwIfInvalid(object, Validation.validateCreate(object));
  }

  static void validateUpdate(KubeObject current, KubeObject next) {
    throwIfInvalid(next, Validation.validateUpdate(current, next));
  }

  private static void throwIfInvalid(KubeObject object, List<StatusCause> causes) {
    if (!causes.isEmpty()) {
      throw ApiException.invalid(object.kind(), object.metadata().name(), causes);
    }
  }
}
