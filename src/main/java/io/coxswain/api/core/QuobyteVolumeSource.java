package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.QuobyteVolumeSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record QuobyteVolumeSource(
    String group,
    Boolean readOnly,
    String registry,
    String tenant,
    String user,
    String volume) {}
