package io.coxswain.node.runtime;

/** Which pod a runtime object belongs to, on which node. */
public record PodRef(String node, String namespace, String name, String uid) {}
