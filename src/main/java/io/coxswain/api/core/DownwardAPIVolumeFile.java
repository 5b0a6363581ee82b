package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.DownwardAPIVolumeFile}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DownwardAPIVolumeFile(
    ObjectFieldSelector fieldRef,
    Integer mode,
    String path,
    ResourceFieldSelector resourceFieldRef,
    Long user) {}
