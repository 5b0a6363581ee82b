package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.HostAlias}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HostAlias(
    List<String> hostnames,
    String ip) {

  public HostAlias {
    hostnames = Collections2.listOrEmpty(hostnames);
  }
}
