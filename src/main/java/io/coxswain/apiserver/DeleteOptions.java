package io.coxswain.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import io.coxswain.api.ApiException;
import io.coxswain.api.Json;
import io.coxswain.store.Deletion;
import java.util.ArrayList;
import java.util.List;

/**
 * A DELETE's options, as Kubernetes reads them: from the DeleteOptions body when there is one
 * (kubectl and the client libraries send one), otherwise from the query (curl). Every field is
 * read with its type — a {@code gracePeriodSeconds} that is not an integer, a
 * {@code preconditions} that is not an object, a body of another kind — is 400 and deletes
 * nothing; a malformed option must never turn into a forced or unconditional delete.
 */
record DeleteOptions(Deletion.Options options, boolean dryRun) {

  static DeleteOptions parse(ApiRequest request) {
    if (request.body().length == 0) {
      return fromQuery(request);
    }
    JsonNode body = ProtobufBodies.isProtobuf(request.contentType()) ? ProtobufBodies.toJson(request.body())
        : Json.decodeTree(request.body(), request.contentType());
    return fromBody(body);
  }

  private static DeleteOptions fromQuery(ApiRequest request) {
    String grace = request.param("gracePeriodSeconds");
    Long gracePeriod = grace == null ? null : parseLong(grace); // decoding (400) before validation (422)
    boolean dryRun = request.dryRun();
    String policy = withOrphanDependents(request.param("propagationPolicy"),
        request.param("orphanDependents") == null ? null : QueryBooleans.isTrue(request.param("orphanDependents")));
    return new DeleteOptions(new Deletion.Options(gracePeriod, policy, null, null), dryRun);
  }

  static DeleteOptions fromBody(JsonNode body) {
    if (!body.isObject()) {
      throw ApiException.badRequest("the request body must be a DeleteOptions object");
    }
    String kind = text(body, "kind");
    if (kind != null && !kind.equals("DeleteOptions")) {
      throw ApiException.badRequest("the request body must be DeleteOptions, not " + kind);
    }
    JsonNode grace = body.get("gracePeriodSeconds");
    if (grace != null && !grace.isNull() && !grace.isIntegralNumber()) {
      throw ApiException.badRequest("gracePeriodSeconds: expected an integer, got " + grace);
    }
    JsonNode orphan = body.get("orphanDependents");
    if (orphan != null && !orphan.isNull() && !orphan.isBoolean()) {
      throw ApiException.badRequest("orphanDependents: expected a boolean, got " + orphan);
    }
    String policyText = text(body, "propagationPolicy");
    JsonNode preconditions = body.get("preconditions");
    String uid = null;
    String resourceVersion = null;
    if (preconditions != null && !preconditions.isNull()) {
      if (!preconditions.isObject()) {
        throw ApiException.badRequest("preconditions: expected an object, got " + preconditions);
      }
      uid = text(preconditions, "uid");
      resourceVersion = text(preconditions, "resourceVersion");
    }
    boolean dryRun = DryRun.of(strings(body, "dryRun"));
    // Everything is decoded (400s) before anything is validated (422s), as Kubernetes does.
    String policy = withOrphanDependents(policyText, orphan == null || orphan.isNull() ? null : orphan.booleanValue());
    return new DeleteOptions(new Deletion.Options(grace == null || grace.isNull() ? null : grace.longValue(), policy,
        uid, resourceVersion), dryRun);
  }

  /** The deprecated {@code orphanDependents}, as the policy it stands for; both at once is 400. */
  private static String withOrphanDependents(String policy, Boolean orphan) {
    if (policy != null && !List.of("Foreground", "Background", "Orphan").contains(policy)) {
      // 422 on DeleteOptions, as Kubernetes' ValidateDeleteOptions
      throw ApiRequest.optionsInvalid("DeleteOptions", "propagationPolicy", "FieldValueNotSupported",
          "Unsupported value: \"" + policy + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"");
    }
    if (orphan == null) {
      return policy;
    }
    if (policy != null) {
      throw ApiRequest.optionsInvalid("DeleteOptions", "propagationPolicy", "FieldValueInvalid",
          "Invalid value: \"" + policy + "\": orphanDependents and deletionPropagation cannot be both set");
    }
    return orphan ? "Orphan" : "Background";
  }

  private static String text(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(field + ": expected a string, got " + value);
    }
    return value.textValue();
  }

  private static List<String> strings(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw ApiException.badRequest(field + ": expected a list of strings, got " + value);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw ApiException.badRequest(field + ": expected a list of strings, got " + value);
      }
      out.add(item.textValue());
    }
    return out;
  }

  private static Long parseLong(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid gracePeriodSeconds: " + value);
    }
  }
}
