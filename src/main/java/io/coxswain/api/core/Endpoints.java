package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Collections2;
import io.coxswain.api.KubeObject;
import io.coxswain.api.ObjectMeta;
import java.util.List;

/** Kubernetes {@code v1.Endpoints}: no spec/status, just the subsets a service resolves to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Endpoints(String apiVersion, String kind, ObjectMeta metadata,
    // Kubernetes omits an empty subsets list (omitempty); sending [] would also make it a field someone owns.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EndpointSubset> subsets)
    implements KubeObject {

  public Endpoints {
    apiVersion = apiVersion == null ? "v1" : apiVersion;
    kind = kind == null ? "Endpoints" : kind;
    metadata = metadata == null ? ObjectMeta.named(null, null) : metadata;
    subsets = Collections2.listOrEmpty(subsets);
  }

  public static Endpoints of(ObjectMeta metadata, List<EndpointSubset> subsets) {
    return new Endpoints("v1", "Endpoints", metadata, subsets);
  }

  @Override
  public Endpoints withMetadata(ObjectMeta v) {
    return new Endpoints(apiVersion, kind, v, subsets);
  }

  public Endpoints withSubsets(List<EndpointSubset> v) {
    return new Endpoints(apiVersion, kind, metadata, v);
  }
}
