package io.coxswain.apiserver;

import java.util.Map;

/** One API call as the handlers see it: verb, parsed path, query, the two headers that matter, body. */
public record ApiRequest(
    String method, RequestPath path, Map<String, String> query, String contentType, String accept, byte[] body) {

  public ApiRequest {
    query = Map.copyOf(query);
    contentType = contentType == null ? "application/json" : contentType;
    accept = accept == null ? "" : accept;
    body = body == null ? new byte[0] : body;
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
