package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.LabelSelector;

/** Kubernetes {@code v1.ClusterTrustBundleProjection}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ClusterTrustBundleProjection(
    LabelSelector labelSelector,
    String name,
    Boolean optional,
    String path,
    String signerName,
    Long user) {}
