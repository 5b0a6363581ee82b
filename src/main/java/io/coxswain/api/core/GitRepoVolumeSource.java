package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.GitRepoVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GitRepoVolumeSource(
    String directory,
    String repository,
    String revision) {}
