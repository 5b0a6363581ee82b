package io.coxswain.apiserver;

import java.util.Map;

/** One API call as the handlers see it: verb, parsed path, query, the two headers that matter, body. */
public record ApiRequest(
    String method, RequestPath path, Map<String, String> query, String contentType, String accept, byte[] body,
    String userAgent) {

  public ApiRequest {
    query = Map.copyOf(query);
    contentType = contentType == null ? "application/json" : contentType;
    accept = accept == null ? "" : accept;
    body = body == null ? new byte[0] : body;
    userAgent = userAgent == null ? "" : userAgent;
  }

  public ApiRequest(String method, RequestPath path, Map<String, String> query, String contentType, String accept,
      byte[] body) {
    this(method, path, query, contentType, accept, body, "");
  }

  /**
   * Who makes this write, as Kubernetes names field managers: {@code ?fieldManager=} (at most 128
   * printable characters, else 422 on {@code optionsKind}), or the User-Agent up to its first "/"
   * ("kubectl", "OpenAPI-Generator"); required for apply.
   */
  public String fieldManager(String optionsKind, boolean apply) {
    String given = query.get("fieldManager");
    if (given != null && !given.isEmpty()) {
      if (given.length() > 128 || !given.chars().allMatch(c -> c >= 32 && c < 127)) {
        throw optionsInvalid(optionsKind, "fieldManager", "FieldValueInvalid", "Invalid value: \"" + given
            + "\": must be at most 128 printable characters");
      }
      return given;
    }
    if (apply) {
      throw optionsInvalid(optionsKind, "fieldManager", "FieldValueRequired",
          "Required value: is required for apply patch");
    }
    int slash = userAgent.indexOf('/');
    String prefix = slash < 0 ? userAgent : userAgent.substring(0, slash);
    return prefix.isBlank() ? "unknown" : prefix.strip();
  }

  static io.coxswain.api.ApiException optionsInvalid(String kind, String field, String reason, String message) {
    io.coxswain.api.Status.StatusCause cause = new io.coxswain.api.Status.StatusCause(reason, message, field);
    return new io.coxswain.api.ApiException(io.coxswain.api.Status.failure(422, "Invalid", kind
        + ".meta.k8s.io \"\" is invalid: " + field + ": " + message, new io.coxswain.api.Status.StatusDetails("",
        "meta.k8s.io", kind, null, java.util.List.of(cause), null)));
  }

  public String param(String name) {
    return query.get(name);
  }

  /** A boolean query parameter, read as Kubernetes reads them ({@link QueryBooleans}). */
  public boolean flag(String name) {
    return QueryBooleans.isTrue(query.get(name));
  }

  /**
   * {@code ?fieldValidation=}: Warn when absent; 422 on the options kind ("CreateOptions",
   * "UpdateOptions", "PatchOptions") for a value Kubernetes does not know.
   */
  public io.coxswain.api.FieldValidation fieldValidation(String optionsKind) {
    return io.coxswain.api.FieldValidation.parse(query.get("fieldValidation"), optionsKind);
  }

  /** {@code ?dryRun=All}; 400 for any other value, as Kubernetes answers. */
  public boolean dryRun() {
    return DryRun.of(query.get("dryRun"));
  }
}
