package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code autoscaling/v1 ScaleStatus}; selector is the label selector in string form ("app=web"). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ScaleStatus(Integer replicas, String selector) {}
