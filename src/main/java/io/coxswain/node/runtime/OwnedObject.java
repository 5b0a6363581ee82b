package io.coxswain.node.runtime;

/** A sandbox or container found by its labels: whose it is and whether it runs. */
public record OwnedObject(String id, PodRef pod, String container, int attempt, boolean sandbox, boolean running) {}
