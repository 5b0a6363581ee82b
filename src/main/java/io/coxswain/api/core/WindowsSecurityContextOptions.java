package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.WindowsSecurityContextOptions}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WindowsSecurityContextOptions(
    String gmsaCredentialSpec,
    String gmsaCredentialSpecName,
    Boolean hostProcess,
    String runAsUserName) {}
