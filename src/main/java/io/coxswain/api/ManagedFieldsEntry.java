package io.coxswain.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** Kubernetes {@code meta/v1.ManagedFieldsEntry}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ManagedFieldsEntry(
    String apiVersion,
    String fieldsType,
    JsonNode fieldsV1,
    String manager,
    String operation,
    String subresource,
    String time) {}
