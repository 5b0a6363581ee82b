package io.coxswain.apiserver;

import java.util.Locale;

/** Content negotiation the way Kubernetes clients use it. */
final class MediaTypes {
  static final String JSON = "application/json";
  static final String YAML = "application/yaml";

  private MediaTypes() {}

  /** The response format the Accept header asks for. */
  enum Format { JSON, YAML, TABLE }

  /**
   * kubectl asks {@code application/json;as=Table;v=v1;g=meta.k8s.io, application/json}: the first
   * acceptable entry wins. Tables only for resources; YAML when it comes before JSON.
   */
  static Format negotiate(String accept) {
    if (accept == null || accept.isBlank()) {
      return Format.JSON;
    }
    for (String entry : accept.split(",")) {
      String e = entry.trim().toLowerCase(Locale.ROOT);
      if (e.contains("as=table") && e.contains("g=meta.k8s.io")) {
        return Format.TABLE;
      }
      if (e.startsWith("application/yaml") || e.startsWith("text/yaml") || e.startsWith("application/x-yaml")) {
        return Format.YAML;
      }
      if (e.startsWith("application/json") && !e.contains(";as=") || e.startsWith("*/*")
          || e.startsWith("application/*")) {
        return Format.JSON;
      }
    }
    return Format.JSON;
  }

  static String baseType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }
}
