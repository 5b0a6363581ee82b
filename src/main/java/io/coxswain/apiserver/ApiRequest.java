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

  public boolean flag(String name) {
    String v = query.get(name);
    return v != null && (v.equals("true") || v.equals("1"));
  }

  public boolean dryRun() {
    return "All".equals(query.get("dryRun"));
  }
}
