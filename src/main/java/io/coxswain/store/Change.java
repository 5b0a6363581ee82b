package io.coxswain.store;

import io.coxswain.api.KubeObject;

/**
 * One committed write. {@code object} is the object as stored at {@code revision}; for DELETED it
 * is the last state, stamped with the deletion's revision (as Kubernetes reports deletes).
 */
public record Change(long revision, ChangeType type, ResourceKey key, KubeObject object) {}
