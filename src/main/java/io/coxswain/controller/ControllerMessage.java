package io.coxswain.controller;

/**
 * Marks the controllers' messages that travel between members (to sharded entities); they are
 * serialized as JSON by Pekko's Jackson serializer (see application.conf).
 */
public interface ControllerMessage {}
