package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coxswain.api.Quantity;

/** Kubernetes {@code v1.EmptyDirVolumeSource}; medium "" (disk) or "Memory". */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EmptyDirVolumeSource(
    String medium,
    Quantity sizeLimit,
    Integer mode) {}
