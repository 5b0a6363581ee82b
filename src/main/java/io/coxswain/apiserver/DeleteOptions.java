package io.coxswain.apiserver;

import io.coxswain.store.Deletion;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.Json;

/** DeleteOptions from the body (kubectl, client libraries) or the query (curl), the body winning. */
final class DeleteOptions {
  private DeleteOptions() {}

  static Deletion.Options parse(ApiRequest request) {
    JsonNode body = request.body().length == 0 ? Json.json().createObjectNode()
        : ProtobufBodies.isProtobuf(request.contentType()) ? ProtobufBodies.toJson(request.body())
        : Json.decodeTree(request.body(), request.contentType());
    Long grace = body.hasNonNull("gracePeriodSeconds") ? Long.valueOf(body.get("gracePeriodSeconds").asLong())
        : request.param("gracePeriodSeconds") == null ? null : parseLong(request.param("gracePeriodSeconds"));
    String policy = body.hasNonNull("propagationPolicy") ? body.get("propagationPolicy").asText()
        : request.param("propagationPolicy");
    String orphan = body.hasNonNull("orphanDependents") ? body.get("orphanDependents").asText()
        : request.param("orphanDependents");
    if (orphan != null) {
      // The deprecated spelling of a policy, as Kubernetes still accepts it.
      if (policy != null) {
        throw io.coxswain.api.ApiException.badRequest(
            "orphanDependents and propagationPolicy cannot both be set");
      }
      policy = Boolean.parseBoolean(orphan) ? "Orphan" : "Background";
    }
    JsonNode preconditions = body.path("preconditions");
    return new Deletion.Options(grace, policy,
        preconditions.hasNonNull("uid") ? preconditions.get("uid").asText() : null,
        preconditions.hasNonNull("resourceVersion") ? preconditions.get("resourceVersion").asText() : null);
  }

  private static Long parseLong(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw io.coxswain.api.ApiException.badRequest("invalid gracePeriodSeconds: " + value);
    }
  }
}
