package io.coxswain.node.runtime;

/** A running sandbox: its id and the pod's IP address. */
public record SandboxInfo(String id, String podIp) {}
