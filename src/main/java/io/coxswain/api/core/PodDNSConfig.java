package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import java.util.List;

/** Kubernetes {@code v1.PodDNSConfig}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PodDNSConfig(
    List<String> nameservers,
    List<PodDNSConfigOption> options,
    List<String> searches) {

  public PodDNSConfig {
    nameservers = Collections2.listOrEmpty(nameservers);
    options = Collections2.listOrEmpty(options);
    searches = Collections2.listOrEmpty(searches);
  }
}
