package io.coxswain.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code meta/v1.ManagedFieldsEntry}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ManagedFieldsEntry(
    String apiVersion,
    String fieldsType,
    FieldsV1 fieldsV1,
    String manager,
    String operation,
    String subresource,
    String time) {}
