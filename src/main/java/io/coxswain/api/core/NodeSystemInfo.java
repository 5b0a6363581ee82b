package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;
/** Kubernetes {@code v1.NodeSystemInfo}; every field is always written, as in Kubernetes. */
public record NodeSystemInfo(
    String machineID,
    String systemUUID,
    String bootID,
    String kernelVersion,
    String osImage,
    String containerRuntimeVersion,
    String kubeletVersion,
    String kubeProxyVersion,
    String operatingSystem,
    String architecture,
    Boolean runningInUserNamespace,
    NodeSwapStatus swap) {}
