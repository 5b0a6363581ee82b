package io.coxswain.apiserver.openapi;

import java.util.List;

/**
 * One HTTP operation of the API, described once and rendered into both Swagger 2.0 and OpenAPI 3.0.
 *
 * @param method      lower-case HTTP method (get, post, put, patch, delete)
 * @param action      the {@code x-kubernetes-action} (get, list, post, put, patch, delete, deletecollection)
 * @param body        the request body, or null
 * @param responses   in status-code order
 */
record Operation(
    String method,
    String operationId,
    String description,
    String action,
    Gvk gvk,
    List<Param> params,
    Body body,
    List<Response> responses,
    List<String> produces) {

  /** A query or path parameter. {@code type} is string, integer or boolean. */
  record Param(String name, String in, String type, String description, boolean required) {
    static Param query(String name, String type, String description) {
      return new Param(name, "query", type, description, false);
    }

    static Param path(String name, String description) {
      return new Param(name, "path", "string", description, true);
    }
  }

  /** A request body: the definition it must match and the content types accepted. */
  record Body(String definition, List<String> contentTypes, boolean required) {}

  /** A response: a body matching {@code definition}, a plain-text body (logs), or no body (401). */
  record Response(String code, String description, String definition, boolean text) {
    static Response of(String code, String description, String definition) {
      return new Response(code, description, definition, false);
    }

    static Response text(String code, String description) {
      return new Response(code, description, null, true);
    }

    static Response none(String code, String description) {
      return new Response(code, description, null, false);
    }
  }

  /** All operations served at one path, plus the parameters they share. */
  record PathItem(String path, List<Param> params, List<Operation> operations) {}
}
