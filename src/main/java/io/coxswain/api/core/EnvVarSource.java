package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.EnvVarSource}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EnvVarSource(
    ObjectFieldSelector fieldRef,
    ConfigMapKeySelector configMapKeyRef,
    SecretKeySelector secretKeyRef,
    FileKeySelector fileKeyRef,
    ResourceFieldSelector resourceFieldRef) {}
