package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code autoscaling/v1 ScaleSpec}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScaleSpec(Integer replicas) {}
