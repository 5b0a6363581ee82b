package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.HTTPGetAction}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HTTPGetAction(
    String path,
    IntOrString port,
    String host,
    String scheme,
    List<HTTPHeader> httpHeaders,
    String protocol) {
  public HTTPGetAction {
    httpHeaders = Collections2.listOrEmpty(httpHeaders);
  }
}
