package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.AWSElasticBlockStoreVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AWSElasticBlockStoreVolumeSource(
    String fsType,
    Integer partition,
    Boolean readOnly,
    String volumeID) {}
