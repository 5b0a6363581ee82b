package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.VolumeProjection}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record VolumeProjection(
    ClusterTrustBundleProjection clusterTrustBundle,
    ConfigMapProjection configMap,
    DownwardAPIProjection downwardAPI,
    PodCertificateProjection podCertificate,
    SecretProjection secret,
    ServiceAccountTokenProjection serviceAccountToken) {}
