package io.coxswain.api.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Kubernetes {@code v1.LifecycleHandler}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LifecycleHandler(
    ExecAction exec,
    HTTPGetAction httpGet,
    SleepAction sleep,
    TCPSocketAction tcpSocket) {}
