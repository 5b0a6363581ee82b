package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.VsphereVirtualDiskVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record VsphereVirtualDiskVolumeSource(
    String fsType,
    String storagePolicyID,
    String storagePolicyName,
    String volumePath) {}
